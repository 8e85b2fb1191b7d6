import { InputError } from "../errors/errors.ts";

/** A mistake in how the command was called (exit code 2): nothing was sent to any server. */
export class UsageError extends InputError {
  constructor(message: string) {
    super("SP_USAGE", message);
  }
}
