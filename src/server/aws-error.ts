/**
 * An error answered in the AWS JSON 1.1 shape (`{"__type": name, "message": ...}` plus the
 * `x-amzn-ErrorType` header), which the AWS SDKs turn back into the named exception class.
 */
export class AwsError extends Error {
  override readonly name: string;
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
    options?: ErrorOptions & { retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.name = code;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
  readonly retryAfterSeconds: number | undefined;

  toJSON(): { __type: string; message: string } {
    return { __type: this.code, message: this.message };
  }
}

export const validationError = (message: string, options?: ErrorOptions) =>
  new AwsError('ValidationException', message, 400, options);

export const notFound = (message: string) => new AwsError('ResourceNotFoundException', message);

export const alreadyExists = (message: string) => new AwsError('ResourceAlreadyExistsException', message);

/** The message AWS gives for a constraint on one member, e.g. a name's pattern or a list's length. */
export function constraintError(value: unknown, member: string, constraint: string): AwsError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return validationError(
    `1 validation error detected: Value '${shown}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}
