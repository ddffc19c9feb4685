// Errors a user can fix (bad scenario, bad flag): they carry a message naming the file, the path, the value and
// what is allowed. The CLI prints them without a stack trace and exits 2.
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly userError = true;
}

/** A scenario file that fails validation: one message per problem. */
export class ScenarioError extends UserError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid scenario\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function isUserError(err: unknown): err is UserError {
  return typeof err === 'object' && err !== null && (err as { userError?: unknown }).userError === true;
}
