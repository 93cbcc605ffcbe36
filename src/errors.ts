/**
 * Named errors. `UserError` carries a message the user may see as it is; anything else is a bug
 * and is shown as a generic apology while the details go to the log.
 */

export class UserError extends Error {
  override readonly name: string = 'UserError';
}

/** A setting is missing or invalid; the message names every bad setting. */
export class ConfigError extends UserError {
  override readonly name = 'ConfigError';
}

/** The feeds file cannot be used; the message names the entry and the field. */
export class FeedsFileError extends UserError {
  override readonly name = 'FeedsFileError';
}

/** A command line that cannot be understood: usage is printed and the exit code is 2. */
export class UsageError extends UserError {
  override readonly name = 'UsageError';
}
