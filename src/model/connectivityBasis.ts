// What a connectivity check's verdicts rest on (`connectivityBasis` in the diagnosis works it out),
// and how a kept result's basis compares with the registry's as read now. Pure: the registry store,
// which activation loads, compares without the diagnosis engine.

export interface ConnectivityBasis {
  /** Each part as read: `hosts`, `addresses`, `records`, `connections`, `publicNetworkAccess`, `endpoint:<id>`. */
  readonly parts: Readonly<Record<string, string>>;
  /** The parts that could not be read, each with why ("network security group nsg-1 could not be read (403 AuthorizationFailed)"). */
  readonly unread: Readonly<Record<string, string>>;
}

/** A result's basis against the registry's as read now. */
export type BasisComparison =
  | { readonly state: 'same' }
  /** A part read both times differs: the registry the check saw is no longer there. */
  | { readonly state: 'changed'; readonly parts: readonly string[] }
  /** Nothing read both times differs, but a part could not be read then or now: whether it changed cannot be told. */
  | { readonly state: 'unknown'; readonly unread: readonly string[] };

/** Whether the registry as read now is the one a result was checked on. */
export function compareBasis(then: ConnectivityBasis, now: ConnectivityBasis): BasisComparison {
  const keys = new Set([...Object.keys(then.parts), ...Object.keys(then.unread), ...Object.keys(now.parts), ...Object.keys(now.unread)]);
  const changed: string[] = [];
  const unread = new Set<string>();
  for (const k of keys) {
    const before = then.unread[k];
    const after = now.unread[k];
    if (before !== undefined || after !== undefined) {
      if (before !== undefined) unread.add(before);
      if (after !== undefined) unread.add(after);
      continue;
    }
    // A part only one side has (an endpoint added or gone) is a change as much as a differing value.
    if (then.parts[k] !== now.parts[k]) changed.push(k);
  }
  if (changed.length > 0) return { state: 'changed', parts: changed };
  return unread.size > 0 ? { state: 'unknown', unread: [...unread] } : { state: 'same' };
}
