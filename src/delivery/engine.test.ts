import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type DeliveryOutcome,
  type DeliveryRequest,
  ManualClock,
  type Target,
  type TargetSpec,
} from '../targets/index.js';
import { type BindingSpec, DeliveryEngine } from './engine.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { SqliteDeliveryStore } from './sqlite-store.js';

/** A target whose answers the test scripts; `hang` never answers. */
class ScriptedTarget implements Target {
  readonly kind = 'scripted';
  readonly calls: DeliveryRequest[] = [];
  constructor(private readonly answer: (req: DeliveryRequest) => DeliveryOutcome | 'hang') {}
  deliver(req: DeliveryRequest): Promise<DeliveryOutcome> {
    this.calls.push(req);
    const a = this.answer(req);
    return a === 'hang' ? new Promise(() => {}) : Promise.resolve(a);
  }
  async close(): Promise<void> {}
}

const fail = (retryable: boolean, retryAfterMs?: number): DeliveryOutcome => ({
  ok: false,
  retryable,
  errorCode: retryable ? 'Throttled' : 'BadRequest',
  errorMessage: retryable ? 'HTTP 503' : 'HTTP 400',
  retryAfterMs,
});

function binding(key: string, spec: TargetSpec, policy = DEFAULT_RETRY_POLICY): BindingSpec {
  return { key, ruleName: 'r', ruleArn: 'arn:rule/r', targetId: key, targetArn: `arn:${key}`, spec, policy };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

function setup(targets: Record<string, ScriptedTarget>) {
  const clock = new ManualClock(1_000_000);
  const store = new SqliteDeliveryStore(join(mkdtempSync(join(tmpdir(), 'ce-engine-')), 'delivery.db'));
  const engine = new DeliveryEngine({
    store,
    clock,
    random: () => 0.5,
    concurrency: 2,
    createTarget: (spec) => targets[(spec as { path: string }).path],
  });
  cleanup.push(
    () => engine.close(),
    () => store.close(),
  );
  const enqueue = (key: string, n: number) =>
    engine.dispatch(
      store.enqueue(
        Array.from({ length: n }, (_, i) => ({
          targetKey: key,
          position: i + 1,
          eventId: `e${i}`,
          body: '{}',
          ingestedAt: clock.now(),
        })),
      ),
    );
  return { clock, store, engine, enqueue };
}

describe('DeliveryEngine', () => {
  it('keeps delivering to one target while another hangs', async () => {
    const stuck = new ScriptedTarget(() => 'hang');
    const fine = new ScriptedTarget(() => ({ ok: true }));
    const { engine, enqueue, store } = setup({ stuck, fine });
    engine.sync([
      binding('stuck', { kind: 'file', path: 'stuck' }),
      binding('fine', { kind: 'file', path: 'fine' }),
    ]);
    enqueue('stuck', 10);
    enqueue('fine', 10);
    while (fine.calls.length < 10) await flush();
    await flush();
    expect(stuck.calls).toHaveLength(2);
    store.flush();
    expect(store.backlog('fine')).toBe(0);
    expect(store.backlog('stuck')).toBe(10);
  });

  it('retries on the backoff schedule, honouring Retry-After, then succeeds', async () => {
    let n = 0;
    const flaky = new ScriptedTarget(() =>
      ++n === 1 ? fail(true, 30_000) : n === 2 ? fail(true) : { ok: true },
    );
    const { clock, engine, enqueue, store } = setup({ flaky });
    engine.sync([binding('flaky', { kind: 'file', path: 'flaky' })]);
    enqueue('flaky', 1);
    while (flaky.calls.length < 1) await flush();
    await flush();
    clock.advance(29_999);
    await flush();
    expect(flaky.calls).toHaveLength(1);
    clock.advance(1);
    while (flaky.calls.length < 2) await flush();
    expect(flaky.calls[1].attempt).toBe(2);
    await flush();
    clock.advance(2_000);
    while (flaky.calls.length < 3) await flush();
    await flush();
    expect(store.backlog('flaky')).toBe(0);
    expect(flaky.calls.map((c) => c.eventId)).toEqual(['e0', 'e0', 'e0']);
  });

  it('dead-letters a non-retryable failure at once and an exhausted one after its attempts', async () => {
    const refusing = new ScriptedTarget(() => fail(false));
    const failing = new ScriptedTarget(() => fail(true));
    const { clock, engine, enqueue, store } = setup({ refusing, failing });
    engine.sync([
      binding('refusing', { kind: 'file', path: 'refusing' }),
      binding(
        'failing',
        { kind: 'file', path: 'failing' },
        { maximumRetryAttempts: 1, maximumEventAgeSeconds: 86_400 },
      ),
    ]);
    enqueue('refusing', 1);
    enqueue('failing', 1);
    while (failing.calls.length < 1 || refusing.calls.length < 1) await flush();
    await flush();
    clock.advance(5_000);
    while (failing.calls.length < 2) await flush();
    await flush();
    const letters = store.listDeadLetters();
    expect(
      letters.map((l) => [l.targetKey, l.exhaustedRetryCondition, l.retryAttempts, l.errorCode]),
    ).toEqual([
      ['refusing', null, 0, 'BadRequest'],
      ['failing', 'MaximumRetryAttempts', 1, 'Throttled'],
    ]);
    expect(refusing.calls).toHaveLength(1);
  });
});
