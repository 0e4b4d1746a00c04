// The checks every form's message parser makes on what its page sends (untrusted until they pass).
// No `vscode` import: the pages' bundles share them.

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether the message holds no key but `type` and `keys`. */
export const only = (m: Record<string, unknown>, keys: string[]): boolean => Object.keys(m).every((k) => k === 'type' || keys.includes(k));

export const isSubscriptionId = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-fA-F-]{1,64}$/.test(v);
