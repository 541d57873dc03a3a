/** A target spec that cannot work (bad URL, unsupported method, missing auth parameters). */
export class TargetConfigError extends Error {
  override readonly name = 'TargetConfigError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
