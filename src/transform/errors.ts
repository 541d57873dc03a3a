/**
 * A target's Input, InputPath or InputTransformer that EventBridge would refuse. `name` is the AWS
 * exception name, so the API layer can answer it as is.
 */
export class ValidationException extends Error {
  override readonly name = 'ValidationException';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
