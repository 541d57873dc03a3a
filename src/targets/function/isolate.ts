import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ChildMessage, InvocationContext, ParentMessage } from './protocol.js';

/** How one invocation ended, as the isolate saw it. */
export type InvocationResult =
  | { kind: 'ok' }
  | { kind: 'error'; name: string; message: string }
  | { kind: 'init-error'; code: string; message: string }
  | { kind: 'crash'; message: string };

export interface IsolateOptions {
  modulePath: string;
  handler: string;
  memoryMb: number;
}

const RUNNER_TS = fileURLToPath(new URL('./runner.ts', import.meta.url));
const RUNNER_JS = fileURLToPath(new URL('./runner.js', import.meta.url));
/** Running from source (tests, tsx): the runner is TypeScript too. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * One child process running a function's handler, one invocation at a time. A crash or a kill ends the
 * isolate for good (`alive` turns false); the pool replaces it.
 */
export class Isolate {
  private readonly child: ChildProcess;
  private readonly ready: Promise<InvocationResult | undefined>;
  private current: { id: number; settle: (r: InvocationResult) => void } | undefined;
  private nextId = 1;
  private lastCrash: string | undefined;
  alive = true;

  constructor(options: IsolateOptions) {
    this.child = fork(FROM_SOURCE ? RUNNER_TS : RUNNER_JS, [], {
      execArgv: execArgv(options),
      // The handler's console output goes to the bus's stderr, never its stdout.
      stdio: ['ignore', 2, 2, 'ipc'],
      serialization: 'advanced',
    });
    this.ready = new Promise((resolve) => {
      this.child.on('message', (msg: ChildMessage) => this.onMessage(msg, resolve));
      this.child.once('exit', (code, signal) => {
        this.alive = false;
        const message = this.lastCrash ?? `function process exited (${signal ?? `code ${code}`})`;
        resolve({ kind: 'crash', message });
        this.current?.settle({ kind: 'crash', message });
        this.current = undefined;
      });
      this.child.once('error', () => this.kill());
    });
    this.post({ type: 'init', modulePath: options.modulePath, handler: options.handler });
  }

  /** Resolves once the module is loaded: `undefined` when ready, else why it cannot run. */
  async whenReady(): Promise<InvocationResult | undefined> {
    const failed = await this.ready;
    // A module that failed to load is loaded afresh next time, in case it has been fixed.
    if (failed) this.kill();
    return failed;
  }

  /** Runs one invocation; never rejects. */
  async invoke(event: unknown, context: InvocationContext): Promise<InvocationResult> {
    const failed = await this.whenReady();
    if (failed) return failed;
    const id = this.nextId++;
    return new Promise((settle) => {
      this.current = { id, settle };
      this.post({ type: 'invoke', id, event, context });
    });
  }

  /** Ends the process at once (a hung handler cannot be stopped any other way). */
  kill(): void {
    this.alive = false;
    this.child.kill('SIGKILL');
  }

  private onMessage(msg: ChildMessage, ready: (r: InvocationResult | undefined) => void): void {
    if (msg.type === 'ready') ready(undefined);
    else if (msg.type === 'init-error') ready({ kind: 'init-error', code: msg.code, message: msg.message });
    else if (msg.type === 'crash') this.lastCrash = msg.message;
    else if (msg.type === 'result' && msg.id === this.current?.id) {
      const settle = this.current.settle;
      this.current = undefined;
      settle(msg.ok ? { kind: 'ok' } : { kind: 'error', ...msg.error });
    }
  }

  private post(msg: ParentMessage): void {
    if (this.child.connected) this.child.send(msg);
  }
}

function execArgv(options: IsolateOptions): string[] {
  const args = [`--max-old-space-size=${options.memoryMb}`];
  if (FROM_SOURCE || /\.[cm]?tsx?$/.test(options.modulePath)) {
    const loader = resolveTsx();
    if (loader) args.push('--import', loader);
  }
  return args;
}

/** tsx, when installed, lets the isolate load TypeScript modules. */
function resolveTsx(): string | undefined {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    return undefined;
  }
}
