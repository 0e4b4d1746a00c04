// The numeric settings and their bounds: package.json declares the same minimum, maximum and default
// (a unit test holds them equal), and the extension applies them when it reads a value, since a
// settings.json edited by hand is never checked against the manifest.
import * as l10n from '@vscode/l10n';

export interface IntegerBounds {
  readonly default: number;
  readonly minimum: number;
  readonly maximum: number;
}

export const integerSettings = {
  /** Azure requests at once while loading. */
  concurrency: { default: 8, minimum: 1, maximum: 64 },
  /** Registries a subscription shows before "Load more…". */
  pageSize: { default: 50, minimum: 1, maximum: 1000 },
  /** How long one Azure request may take (ARM itself gives up after about 60 s). */
  requestTimeoutSeconds: { default: 60, minimum: 1, maximum: 600 },
  /** How long one operation may take in all (long-running writes can take minutes). */
  operationTimeoutSeconds: { default: 300, minimum: 1, maximum: 3600 },
} as const satisfies Record<string, IntegerBounds>;

export type IntegerSettingName = keyof typeof integerSettings;

export interface BoundedValue {
  value: number;
  /** Why the value read is not the value used; undefined when it is used as it is. */
  adjusted?: string;
}

/** The value to use for a setting read as `raw`: an integer within the bounds, or the default. */
export function boundedInteger(raw: unknown, bounds: IntegerBounds): BoundedValue {
  if (raw === undefined || raw === null) return { value: bounds.default };
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    return { value: bounds.default, adjusted: l10n.t('{0} is not a number; using the default, {1}', JSON.stringify(raw), bounds.default) };
  }
  const whole = Math.trunc(raw);
  const value = Math.min(bounds.maximum, Math.max(bounds.minimum, whole));
  if (value === raw) return { value };
  const why = whole !== raw ? l10n.t('is not a whole number') : raw < bounds.minimum ? l10n.t('is below the minimum, {0}', bounds.minimum) : l10n.t('is above the maximum, {0}', bounds.maximum);
  return { value, adjusted: `${raw} ${why}; using ${value}` };
}
