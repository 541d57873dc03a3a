import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock.js';
import { deliveryRequest } from '../http/test-server.test-helpers.js';
import { createTarget, type Target } from '../index.js';

/** Polling bound for conditions reached by other processes on a busy machine; not a timing assertion. */
const WAIT = { timeout: 30_000, interval: 10 };

/** A handler whose behaviour each event chooses, to exercise every way a function can end. */
const HANDLER = `
import { appendFileSync, writeFileSync } from 'node:fs';

export async function handler(event, context) {
  switch (event.action) {
    case 'record':
      appendFileSync(event.file, JSON.stringify({ event, context: { ...context, left: context.getRemainingTimeInMillis() > 0 } }) + '\\n');
      return { ok: true };
    case 'throw':
      throw new TypeError('bad contact');
    case 'exit':
      process.exit(3);
    case 'uncaught':
      setTimeout(() => { throw new RangeError('late failure'); }, 0);
      return new Promise(() => {});
    case 'hang':
      writeFileSync(event.file, 'started');
      return new Promise(() => {});
    case 'spin':
      writeFileSync(event.file, 'started');
      for (;;) {}
    case 'spin-pid':
      writeFileSync(event.file, String(process.pid));
      for (;;) {}
  }
  return 'done';
}
export const other = (event) => { if (!event.fine) throw new Error('not fine'); };
`;

const TS_HANDLER = `
interface ContactEvent { detail: { contactId: string } }
export const handler = (event: ContactEvent): string => event.detail.contactId.toUpperCase();
`;

let dir: string;
let modulePath: string;
const targets: Target[] = [];
function target(spec: Partial<Parameters<typeof createTarget>[0]> = {}, clock?: ManualClock): Target {
  const t = createTarget(
    { kind: 'function', module: modulePath, concurrency: 1, ...spec } as Parameters<typeof createTarget>[0],
    {
      clock,
    },
  );
  targets.push(t);
  return t;
}
const body = (event: object) => deliveryRequest({ body: JSON.stringify(event) });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'function-target-'));
  modulePath = join(dir, 'handler.mjs');
  await writeFile(modulePath, HANDLER);
  await writeFile(join(dir, 'handler.ts'), TS_HANDLER);
});
afterAll(async () => {
  await Promise.all(targets.map((t) => t.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('function target', () => {
  it('calls the exported handler with the event and a Lambda-style context', async () => {
    const file = join(dir, 'record.ndjson');
    const t = target();
    expect(await t.deliver(body({ action: 'record', file }))).toEqual({ ok: true });
    const [line] = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(line.event).toEqual({ action: 'record', file });
    expect(line.context).toMatchObject({
      awsRequestId: 'evt-1-1',
      ruleName: 'r1',
      attempt: 1,
      invokedFunctionArn: deliveryRequest().targetArn,
      left: true,
    });
  });

  it('reports a thrown error as a retryable failure and keeps serving', async () => {
    const t = target();
    const outcome = await t.deliver(body({ action: 'throw' }));
    expect(outcome).toMatchObject({ ok: false, retryable: true, errorCode: 'ERROR_FROM_TARGET' });
    expect(outcome.ok ? '' : outcome.errorMessage).toContain('TypeError: bad contact');
    expect(await t.deliver(body({ action: 'ok' }))).toEqual({ ok: true });
  });

  it('survives a handler that exits the process', async () => {
    const t = target();
    const outcome = await t.deliver(body({ action: 'exit' }));
    expect(outcome).toMatchObject({ ok: false, retryable: true, errorCode: 'ERROR_FROM_TARGET' });
    expect(outcome.ok ? '' : outcome.errorMessage).toContain('code 3');
    expect(await t.deliver(body({ action: 'ok' }))).toEqual({ ok: true });
  });

  it('survives an uncaught exception thrown outside the handler', async () => {
    const t = target();
    const outcome = await t.deliver(body({ action: 'uncaught' }));
    expect(outcome).toMatchObject({ ok: false, retryable: true });
    expect(outcome.ok ? '' : outcome.errorMessage).toContain('uncaught RangeError: late failure');
    expect(await t.deliver(body({ action: 'ok' }))).toEqual({ ok: true });
  });

  it.each(['hang', 'spin'])(
    'times out a handler that does not return (%s), replacing its isolate',
    async (action) => {
      const clock = new ManualClock(0);
      const t = target({ timeoutMs: 2000 }, clock);
      const file = join(dir, `${action}.marker`);
      const pending = t.deliver(body({ action, file }));
      await vi.waitFor(() => expect(existsSync(file)).toBe(true), WAIT);
      clock.advance(2000);
      expect(await pending).toMatchObject({ ok: false, retryable: true, errorCode: 'TIMEOUT' });
      expect(await t.deliver(body({ action: 'ok' }))).toEqual({ ok: true });
    },
  );

  it('bounds the start of an isolate whose module never finishes loading', async () => {
    const stuck = join(dir, 'stuck.mjs');
    await writeFile(stuck, 'await new Promise(() => {});\nexport const handler = () => {};\n');
    const clock = new ManualClock(0);
    const pending = target({ module: stuck, timeoutMs: 100 }, clock).deliver(body({}));
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1), WAIT);
    clock.advance(9_999);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(1);
    const outcome = await pending;
    expect(outcome).toMatchObject({ ok: false, retryable: true, errorCode: 'TIMEOUT' });
    expect(outcome.ok ? '' : outcome.errorMessage).toContain('did not start');
  });

  it('calls a named handler', async () => {
    const t = target({ handler: 'other' });
    expect(await t.deliver(body({ fine: true }))).toEqual({ ok: true });
    expect(await t.deliver(body({ fine: false }))).toMatchObject({ ok: false, retryable: true });
  });

  it('loads a TypeScript module', async () => {
    const t = target({ module: join(dir, 'handler.ts') });
    expect(await t.deliver(deliveryRequest())).toEqual({ ok: true });
  });

  it('reports a missing handler on connect, before any event', async () => {
    expect(await target({ handler: 'absent' }).connect?.()).toMatchObject({
      ok: false,
      errorCode: 'INVALID_PARAMETER',
    });
    expect(await target().connect?.()).toEqual({ ok: true });
  });

  it('fails for good when the module or the handler is missing', async () => {
    expect(await target({ module: join(dir, 'missing.mjs') }).deliver(body({}))).toMatchObject({
      ok: false,
      retryable: false,
      errorCode: 'NO_RESOURCE',
    });
    expect(await target({ handler: 'nope' }).deliver(body({}))).toMatchObject({
      ok: false,
      retryable: false,
      errorCode: 'INVALID_PARAMETER',
    });
  });

  it('runs invocations on as many isolates as its concurrency allows', async () => {
    const clock = new ManualClock(0);
    const t = target({ concurrency: 2, timeoutMs: 1000 }, clock);
    const files = [join(dir, 'c1.marker'), join(dir, 'c2.marker')];
    const pending = files.map((file) => t.deliver(body({ action: 'hang', file })));
    await vi.waitFor(() => expect(files.every((f) => existsSync(f))).toBe(true), WAIT);
    clock.advance(1000);
    for (const outcome of await Promise.all(pending)) expect(outcome).toMatchObject({ errorCode: 'TIMEOUT' });
  });
});

describe('when the bus itself dies', () => {
  it('a handler stuck in a busy loop does not outlive it', async () => {
    const pidFile = join(dir, 'spin.pid');
    const bus = join(dir, 'bus.ts');
    const targetsIndex = new URL('../index.ts', import.meta.url).pathname;
    await writeFile(
      bus,
      `import { createTarget } from ${JSON.stringify(targetsIndex)};
const t = createTarget({ kind: 'function', module: ${JSON.stringify(modulePath)}, timeoutMs: 600000 });
void t.deliver({ eventId: 'e', body: JSON.stringify({ action: 'spin-pid', file: ${JSON.stringify(pidFile)} }), attempt: 1, ruleArn: 'a', ruleName: 'r', targetId: 't', targetArn: 'x' });
setInterval(() => {}, 1000);
`,
    );
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const child = spawn(process.execPath, ['--import', pathToFileURL(tsx).href, bus], { stdio: 'ignore' });
    await vi.waitFor(() => expect(existsSync(pidFile)).toBe(true), WAIT);
    const pid = Number(await readFile(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    child.kill('SIGKILL');
    await vi.waitFor(() => expect(alive(pid)).toBe(false), WAIT);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('closing a function target', () => {
  it('ends running and waiting invocations retryably and refuses new ones', async () => {
    const clock = new ManualClock(0);
    const t = target({ concurrency: 1, timeoutMs: 60_000 }, clock);
    const file = join(dir, 'close.marker');
    const running = t.deliver(body({ action: 'hang', file }));
    const waiting = t.deliver(body({ action: 'ok' }));
    await vi.waitFor(() => expect(existsSync(file)).toBe(true), WAIT);
    await t.close();
    expect(await running).toMatchObject({ ok: false, retryable: true });
    expect(await waiting).toMatchObject({ ok: false, retryable: true, errorCode: 'INTERNAL_ERROR' });
    expect(await t.deliver(body({ action: 'ok' }))).toMatchObject({ ok: false, retryable: true });
  });
});
