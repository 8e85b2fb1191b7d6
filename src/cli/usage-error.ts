/** A mistake in how the command was called (exit code 2): nothing was sent to any server. */
export class UsageError extends Error {
  readonly code = "SP_USAGE";
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
