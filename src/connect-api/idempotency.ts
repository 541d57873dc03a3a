import { ConnectApiError } from './errors.js';

/**
 * Calls that take a `ClientToken` answer a repeated token with the first answer instead of acting twice,
 * as the service does: the AWS SDK sends one token per command and reuses it when it retries, so a retry
 * after a lost response does not create a second contact. Remembers the most recent `limit` tokens.
 */
export class IdempotencyTokens {
  private readonly answers = new Map<string, { operation: string; output: unknown }>();

  constructor(private readonly limit = 10_000) {}

  run<T>(operation: string, token: string | undefined, call: () => T): T {
    if (token === undefined) return call();
    const seen = this.answers.get(token);
    if (seen) {
      if (seen.operation !== operation) {
        throw new ConnectApiError(
          'IdempotencyException',
          `ClientToken ${token} was already used by ${seen.operation}`,
          409,
        );
      }
      return seen.output as T;
    }
    const output = call();
    this.answers.set(token, { operation, output });
    if (this.answers.size > this.limit) this.answers.delete(this.answers.keys().next().value as string);
    return output;
  }
}
