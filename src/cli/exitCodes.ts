// Exit codes a pipeline can branch on.
export const exitCodes = {
  /** Checked: no error findings. */
  healthy: 0,
  /** Checked: at least one error finding. */
  errorsFound: 1,
  /** Could not check: bad arguments, no credentials, Azure or the registry unreachable. */
  couldNotCheck: 2,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** A failure that stops the check before any verdict; its message is shown as is. */
export class CheckAborted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckAborted';
  }
}
