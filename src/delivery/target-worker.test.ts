import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DeliveryOutcome, ManualClock, type Target } from '../targets/index.js';
import { DEFAULT_BACKOFF, DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { SqliteDeliveryStore } from './sqlite-store.js';
import type { OutboxItem } from './store.js';
import { TargetWorker } from './target-worker.js';

const flush = () => new Promise((resolve) => setImmediate(resolve));

const OUTCOMES: Record<string, DeliveryOutcome> = {
  ok: { ok: true },
  retry: { ok: false, retryable: true, errorCode: 'Throttled', errorMessage: 'HTTP 503' },
  fatal: { ok: false, retryable: false, errorCode: 'BadRequest', errorMessage: 'HTTP 400' },
};

describe('TargetWorker', () => {
  it('bounds its settled position by the first event whose first attempt is still open (property)', async () => {
    const store = new SqliteDeliveryStore(join(mkdtempSync(join(tmpdir(), 'ce-worker-')), 'delivery.db'));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 4 }),
          fc.array(
            fc.oneof(
              fc.record({ route: fc.integer({ min: 1, max: 5 }) }),
              fc.record({ answer: fc.nat(), with: fc.constantFrom('ok', 'retry', 'fatal') }),
            ),
            { maxLength: 60 },
          ),
          async (concurrency, steps) => {
            const key = `t${Math.random()}`;
            const attempts: Array<{ position: number; answer: (o: DeliveryOutcome) => void }> = [];
            const target: Target = {
              kind: 'scripted',
              deliver: (req) =>
                new Promise((answer) => attempts.push({ position: Number(req.eventId), answer })),
              close: async () => {},
            };
            const worker = new TargetWorker(
              {
                key,
                ruleName: 'r',
                ruleArn: 'arn:r',
                targetId: 't',
                targetArn: 'arn:t',
                target,
                policy: DEFAULT_RETRY_POLICY,
              },
              {
                store,
                clock: new ManualClock(0),
                backoff: DEFAULT_BACKOFF,
                random: () => 0.5,
                concurrency,
                maxHeld: 1000,
                pollMs: 1e12,
                onExhausted: (_b, item) => store.complete(item),
              },
            );
            // The model: events routed whose first attempt has not ended.
            const open = new Set<number>();
            let position = 0;
            let id = -1;
            for (const step of steps) {
              if ('route' in step) {
                const items: OutboxItem[] = [];
                for (let i = 0; i < step.route; i++) {
                  position++;
                  open.add(position);
                  items.push({
                    id: id--,
                    targetKey: key,
                    position,
                    eventId: String(position),
                    body: '{}',
                    attempts: 0,
                    ingestedAt: 0,
                    dueAt: 0,
                  });
                }
                worker.route(items);
              } else if (attempts.length > 0) {
                const [attempt] = attempts.splice(step.answer % attempts.length, 1);
                attempt.answer(OUTCOMES[step.with]);
                open.delete(attempt.position);
              }
              await flush();
              const first = open.size === 0 ? undefined : Math.min(...open);
              expect(worker.firstUnsettled()).toBe(first);
              expect(worker.unsettledCount()).toBe(open.size);
              expect(attempts.length).toBe(Math.min(concurrency, open.size));
            }
            await worker.close();
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      store.close();
    }
  });
});
