import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteDeliveryStore } from '../../delivery/sqlite-store.js';
import { listDeadLetters, purgeDeadLetters, redriveDeadLetters } from './dlq.js';

function seeded(): string {
  const data = mkdtempSync(join(tmpdir(), 'ce-dlq-'));
  const store = new SqliteDeliveryStore(join(data, 'delivery.db'));
  const [a, b] = store.enqueue([
    { targetKey: 'r/t', position: 1, eventId: 'e1', body: '{"n":1}', ingestedAt: 0 },
    { targetKey: 'r/u', position: 1, eventId: 'e1', body: '{"n":1}', ingestedAt: 0 },
  ]);
  const letter = {
    position: 1,
    eventId: 'e1',
    body: '{"n":1}',
    ingestedAt: 0,
    errorCode: 'SDK.HttpError',
    errorMessage: 'HTTP 500',
    exhaustedRetryCondition: 'MaximumRetryAttempts',
    retryAttempts: 185,
    ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/r',
    targetArn: 'arn:x',
    failedAt: 0,
  };
  store.deadLetter(a, { ...letter, targetKey: 'r/t' });
  store.deadLetter(b, { ...letter, targetKey: 'r/u', exhaustedRetryCondition: null });
  store.close();
  return data;
}

describe('dlq command', () => {
  it('lists dead letters with their reasons, filtered by target', () => {
    const data = seeded();
    const text = listDeadLetters({ data, target: 'r/t' });
    expect(text).toContain('ErrorCode: SDK.HttpError');
    expect(text).toContain('ExhaustedRetryCondition: MaximumRetryAttempts');
    expect(text).not.toContain('r/u');
    expect(
      JSON.parse(listDeadLetters({ data, json: true, target: 'r/u' })).exhaustedRetryCondition,
    ).toBeNull();
  });

  it('re-drives into the outbox and purges', () => {
    const data = seeded();
    expect(redriveDeadLetters({ data, target: 'r/t' }, 5)).toMatch(/re-drove 1 dead letter;/);
    const store = new SqliteDeliveryStore(join(data, 'delivery.db'));
    expect(store.due('r/t', 5, 10, new Set()).map((i) => i.eventId)).toEqual(['e1']);
    store.close();
    expect(purgeDeadLetters({ data })).toBe('deleted 1 dead letters');
    expect(listDeadLetters({ data })).toBe('no dead letters');
  });

  it('refuses a folder without a store', () => {
    expect(() => listDeadLetters({ data: mkdtempSync(join(tmpdir(), 'ce-empty-')) })).toThrow(
      /no delivery store/,
    );
  });
});
