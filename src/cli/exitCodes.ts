// Exit codes a pipeline can branch on.
import type { CheckResult } from '../diagnosis';

export const exitCodes = {
  /** Everything was read and verified: no error, nothing unknown. */
  healthy: 0,
  /** At least one error proven from what was read. */
  errorsFound: 1,
  /**
   * Could not check: bad arguments, no credentials, Azure or the registry unreachable; or the check
   * ran, proved no error, but a read failed or a verdict is unknown.
   */
  couldNotCheck: 2,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

export function exitCodeFor(result: CheckResult): ExitCode {
  return exitCodes[result];
}

/** A failure that stops the check before any verdict; its message is shown as is. */
export class CheckAborted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckAborted';
  }
}
