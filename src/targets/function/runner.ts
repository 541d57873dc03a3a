/**
 * The child-process side of a function target: loads the user's module once, then runs one invocation
 * at a time as the parent asks. Anything that escapes the handler ends this process, never the bus.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChildMessage, InitMessage, InvokeMessage, ParentMessage } from './protocol.js';

type Handler = (event: unknown, context: object) => unknown;

function send(message: ChildMessage): void {
  process.send?.(message);
}

function describe(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

async function load(init: InitMessage): Promise<Handler | undefined> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(init.modulePath).href)) as Record<string, unknown>;
  } catch (error) {
    send({
      type: 'init-error',
      code: 'NO_RESOURCE',
      message: `cannot load ${init.modulePath}: ${describe(error).message}`,
    });
    return undefined;
  }
  const fn = mod[init.handler] ?? (mod.default as Record<string, unknown> | undefined)?.[init.handler];
  if (typeof fn !== 'function') {
    send({
      type: 'init-error',
      code: 'INVALID_PARAMETER',
      message: `${init.modulePath} exports no function ${init.handler}`,
    });
    return undefined;
  }
  send({ type: 'ready' });
  return fn as Handler;
}

async function invoke(handler: Handler, msg: InvokeMessage): Promise<void> {
  const context = {
    ...msg.context,
    getRemainingTimeInMillis: () => Math.max(0, msg.context.deadlineMs - Date.now()),
  };
  try {
    await handler(msg.event, context);
    send({ type: 'result', id: msg.id, ok: true });
  } catch (error) {
    send({ type: 'result', id: msg.id, ok: false, error: describe(error) });
  }
}

process.on('uncaughtException', (error) => {
  send({ type: 'crash', message: `uncaught ${describe(error).name}: ${describe(error).message}` });
  process.exit(70);
});
process.on('unhandledRejection', (reason) => {
  send({ type: 'crash', message: `unhandled rejection: ${describe(reason).message}` });
  process.exit(70);
});
process.on('disconnect', () => process.exit(0));

/**
 * A handler stuck in a busy loop never lets 'disconnect' run, so a watchdog thread, which the loop cannot
 * block, ends this process once the bus that started it is gone. Handlers run only once it is armed: a
 * thread still starting up can be held back by a busy main thread.
 */
const WATCHDOG = `
  const { parentPort } = require('node:worker_threads');
  const parent = process.ppid;
  setInterval(() => { if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL'); }, 1000);
  parentPort.postMessage('armed');
`;

function startWatchdog(): Promise<void> {
  // No inherited flags: a heap limit meant for the handler must not stop the thread from starting.
  const worker = new Worker(WATCHDOG, { eval: true, execArgv: [] });
  worker.unref();
  return new Promise((resolve) => {
    worker.once('message', () => resolve());
    worker.once('error', () => resolve());
  });
}
const watchdog = startWatchdog();

let handler: Promise<Handler | undefined> | undefined;
process.on('message', (msg: ParentMessage) => {
  if (msg.type === 'init') {
    handler = watchdog.then(() => load(msg));
    return;
  }
  void handler?.then((fn) => (fn ? invoke(fn, msg) : undefined));
});
