import { describe, expect, it } from 'vitest';
import { ConnectApiError } from './errors.js';
import { IdempotencyTokens } from './idempotency.js';

describe('IdempotencyTokens', () => {
  it('acts once per token and forgets the oldest beyond its limit', () => {
    const tokens = new IdempotencyTokens(2);
    let calls = 0;
    const call = () => ++calls;
    expect(tokens.run('Op', 'a', call)).toBe(1);
    expect(tokens.run('Op', 'a', call)).toBe(1);
    expect(tokens.run('Op', undefined, call)).toBe(2);
    expect(tokens.run('Op', undefined, call)).toBe(3);
    tokens.run('Op', 'b', call);
    tokens.run('Op', 'c', call);
    expect(tokens.run('Op', 'a', call)).toBe(6);
  });

  it('refuses a token reused by another operation', () => {
    const tokens = new IdempotencyTokens();
    tokens.run('StartTaskContact', 't', () => 1);
    expect(() => tokens.run('StartChatContact', 't', () => 2)).toThrow(ConnectApiError);
  });

  it('does not remember a call that failed', () => {
    const tokens = new IdempotencyTokens();
    expect(() =>
      tokens.run('Op', 't', () => {
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(tokens.run('Op', 't', () => 7)).toBe(7);
  });
});
