/**
 * The one error a pattern can raise. `code` is the AWS error code so that the TestEventPattern and PutRule
 * handlers can answer exactly as EventBridge does; `reason` is the text AWS puts after "Reason: ".
 */
export class InvalidEventPatternError extends Error {
  readonly code = 'InvalidEventPatternException' as const;
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Event pattern is not valid. Reason: ${reason}`, options);
    this.name = 'InvalidEventPatternError';
    this.reason = reason;
  }
}
