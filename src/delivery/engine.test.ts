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
  /** Attempts started and not answered. */
  pending = 0;
  /** What `pace()` answers: how long until the target's next call could go. */
  paceMs = 0;
  constructor(
    private readonly answer: (req: DeliveryRequest) => DeliveryOutcome | 'hang',
    readonly lane?: string,
  ) {}
  deliver(req: DeliveryRequest): Promise<DeliveryOutcome> {
    this.calls.push(req);
    const a = this.answer(req);
    if (a === 'hang') {
      this.pending++;
      return new Promise(() => {});
    }
    return Promise.resolve(a);
  }
  pace(): number {
    return this.paceMs;
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

function setup(
  targets: Record<string, ScriptedTarget>,
  options: { maxHeld?: number; file?: string; laneCapacity?: number } = {},
) {
  const clock = new ManualClock(1_000_000);
  const file = options.file ?? join(mkdtempSync(join(tmpdir(), 'ce-engine-')), 'delivery.db');
  const store = new SqliteDeliveryStore(file);
  const engine = new DeliveryEngine({
    store,
    clock,
    random: () => 0.5,
    concurrency: 2,
    laneCapacity: options.laneCapacity,
    maxHeld: options.maxHeld,
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
  /** The router's hand-over: events `from`..`to` each matched by every key. */
  const route = (keys: readonly string[], from: number, to: number) => {
    const deliveries = [];
    for (let position = from; position <= to; position++)
      for (const targetKey of keys)
        deliveries.push({
          targetKey,
          position,
          eventId: `e${position}`,
          body: '{}',
          ingestedAt: clock.now(),
        });
    engine.route(deliveries, to);
  };
  return { clock, store, engine, enqueue, route, file };
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

  it('bounds the attempts in flight of targets sharing a lane, yet a hanging one stops no other', async () => {
    const a = new ScriptedTarget(() => 'hang', 'http://receiver');
    const b = new ScriptedTarget(() => 'hang', 'http://receiver');
    const fine = new ScriptedTarget(() => ({ ok: true }), 'http://receiver');
    const elsewhere = new ScriptedTarget(() => 'hang', 'http://other');
    const { engine, enqueue, store } = setup({ a, b, fine, elsewhere }, { laneCapacity: 3 });
    engine.sync(['a', 'b', 'fine', 'elsewhere'].map((k) => binding(k, { kind: 'file', path: k })));
    for (const key of ['a', 'b', 'fine', 'elsewhere']) enqueue(key, 10);
    while (fine.calls.length < 10) await flush();
    await flush();
    // a and b hold the lane's three slots between them; `fine`, with nothing in flight, still gets one
    // at a time and delivers everything.
    expect(a.pending + b.pending).toBe(3);
    expect(Math.min(a.pending, b.pending)).toBeGreaterThanOrEqual(1);
    // Another lane is not counted against this one: its target has its own two attempts.
    expect(elsewhere.pending).toBe(2);
    store.flush();
    expect(store.backlog('fine')).toBe(0);
  });

  it('starts no attempt a rate-limited target would wait for, and starts it once the target can call', async () => {
    const limited = new ScriptedTarget(() => 'hang', 'http://receiver');
    const other = new ScriptedTarget(() => 'hang', 'http://receiver');
    limited.paceMs = 250;
    const { clock, engine, enqueue } = setup({ limited, other }, { laneCapacity: 4 });
    engine.sync([
      binding('limited', { kind: 'file', path: 'limited' }),
      binding('other', { kind: 'file', path: 'other' }),
    ]);
    enqueue('limited', 10);
    enqueue('other', 10);
    await flush();
    // One attempt always goes; the second waits outside the lane, which the other target uses.
    expect(limited.pending).toBe(1);
    expect(other.pending).toBe(2);
    clock.advance(249);
    await flush();
    expect(limited.pending).toBe(1);
    limited.paceMs = 0;
    clock.advance(1);
    await flush();
    expect(limited.pending).toBe(2);
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

  it('delivers routed first attempts without writing them to the outbox, and retries a failure from it', async () => {
    let n = 0;
    const flaky = new ScriptedTarget(() => (++n === 1 ? fail(true) : { ok: true }));
    const { clock, engine, route, store } = setup({ flaky });
    engine.sync([binding('flaky', { kind: 'file', path: 'flaky' })]);
    route(['flaky'], 1, 1);
    expect(engine.backlog('flaky')).toBe(1);
    expect(store.backlog('flaky')).toBe(0);
    while (flaky.calls.length < 1) await flush();
    await flush();
    // The failed first attempt is now a row of the outbox, due after its backoff.
    expect(store.backlog('flaky')).toBe(1);
    expect(engine.backlog('flaky')).toBe(1);
    clock.advance(5_000);
    while (flaky.calls.length < 2) await flush();
    await flush();
    expect(flaky.calls.map((c) => [c.eventId, c.attempt])).toEqual([
      ['e1', 1],
      ['e1', 2],
    ]);
    expect(engine.backlog('flaky')).toBe(0);
  });

  it('writes what a target cannot hold in memory to the outbox, and delivers it from there', async () => {
    const fine = new ScriptedTarget(() => ({ ok: true }));
    const stuck = new ScriptedTarget(() => 'hang');
    const { engine, route, store } = setup({ fine, stuck }, { maxHeld: 3 });
    engine.sync([
      binding('fine', { kind: 'file', path: 'fine' }),
      binding('stuck', { kind: 'file', path: 'stuck' }),
    ]);
    route(['fine', 'stuck'], 1, 10);
    expect(store.backlog('stuck')).toBe(7);
    expect(engine.backlog('stuck')).toBe(10);
    while (fine.calls.length < 10) await flush();
    expect(fine.calls.map((c) => c.eventId)).toEqual(Array.from({ length: 10 }, (_, i) => `e${i + 1}`));
    await flush();
    expect(engine.backlog('fine')).toBe(0);
  });

  it('after a crash, routes again from each target its first unsettled event, to that target only', async () => {
    const fine = new ScriptedTarget(() => ({ ok: true }));
    const stuck = new ScriptedTarget(() => 'hang');
    const first = setup({ fine, stuck });
    const bindings = [
      binding('fine', { kind: 'file', path: 'fine' }),
      binding('stuck', { kind: 'file', path: 'stuck' }),
    ];
    first.engine.sync(bindings);
    expect(first.engine.resumePosition()).toBe(0);
    first.route(['fine', 'stuck'], 1, 5);
    while (fine.calls.length < 5) await flush();
    first.engine.saveSettled();
    // The process dies here: nothing is closed. A new engine opens the same store.
    const fine2 = new ScriptedTarget(() => ({ ok: true }));
    const stuck2 = new ScriptedTarget(() => ({ ok: true }));
    const second = setup({ fine: fine2, stuck: stuck2 }, { file: first.file });
    second.engine.sync(bindings);
    expect(second.engine.resumePosition()).toBe(0);
    second.route(['fine', 'stuck'], 1, 6);
    while (stuck2.calls.length < 6 || fine2.calls.length < 1) await flush();
    expect(fine2.calls.map((c) => c.eventId)).toEqual(['e6']);
    expect(stuck2.calls.map((c) => c.eventId)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
  });

  it('on close, writes the first attempts it still holds to the outbox and saves every position', async () => {
    const stuck = new ScriptedTarget(() => 'hang');
    const { engine, route, store } = setup({ stuck });
    engine.sync([binding('stuck', { kind: 'file', path: 'stuck' })]);
    route(['stuck'], 1, 4);
    await flush();
    await engine.close();
    expect(store.backlog('stuck')).toBe(4);
    expect(store.settledPositions()).toEqual({ router: 4, targets: new Map([['stuck', 4]]) });
  });

  it('forgets the position and the outbox of a target that is removed', async () => {
    const stuck = new ScriptedTarget(() => 'hang');
    const { engine, route, store } = setup({ stuck }, { maxHeld: 1 });
    engine.sync([binding('stuck', { kind: 'file', path: 'stuck' })]);
    route(['stuck'], 1, 3);
    engine.saveSettled();
    expect(store.settledPositions().targets.get('stuck')).toBe(0);
    expect(store.backlog('stuck')).toBe(2);
    engine.sync([]);
    await flush();
    expect(store.settledPositions().targets.has('stuck')).toBe(false);
    expect(store.backlog('stuck')).toBe(0);
    expect(engine.backlog('stuck')).toBe(0);
  });
});
