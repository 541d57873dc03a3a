import type { Worker } from 'node:worker_threads';
import { logThread } from './log-thread.js';
import type { CheckpointSetup, FromCheckpointer } from './writer-protocol.js';

/** How the log's checkpoints run: the defaults suit a log taking tens of thousands of events a second. */
export interface CheckpointOptions {
  /** How often what the WAL holds is copied into the database (default 200 ms). */
  readonly intervalMs?: number;
  /** The WAL's bound: holding this many bytes, it starts over at the next commit (default 64 MB). */
  readonly restartBytes?: number;
}

/** A checkpointer that stopped is started again after this long, so that one that cannot start does not spin. */
const RESTART_DELAY_MS = 1000;

/**
 * Owns the log's checkpoint thread: starts it, starts it again if it stops, and stops it on close. A
 * stopped checkpointer loses nothing: the WAL keeps every commit until the next checkpoint.
 */
export class Checkpointer {
  private thread: Worker | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private closing = false;
  private failures = 0;
  private readonly setup: CheckpointSetup;

  constructor(file: string, options: CheckpointOptions = {}) {
    this.setup = {
      file,
      intervalMs: options.intervalMs ?? 200,
      restartBytes: options.restartBytes ?? 64 * 1024 * 1024,
    };
    this.thread = this.start();
  }

  private start(): Worker {
    const thread = logThread('checkpoint-thread', this.setup);
    thread.on('message', (message: FromCheckpointer) => {
      if (message.type === 'checkpoint-failed') this.failures++;
    });
    thread.on('error', () => this.lost(thread));
    thread.on('exit', () => this.lost(thread));
    // Checkpoints never keep the process alive.
    thread.unref();
    return thread;
  }

  private lost(thread: Worker): void {
    if (thread !== this.thread || this.closing) return;
    this.failures++;
    this.thread = undefined;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (!this.closing) this.thread = this.start();
    }, RESTART_DELAY_MS);
    this.restartTimer.unref();
  }

  /** Checkpoints that failed (they are tried again on the next tick) and stops of the thread. */
  failureCount(): number {
    return this.failures;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.restartTimer);
    const thread = this.thread;
    if (!thread) return;
    const closed = new Promise<void>((resolve) => {
      thread.on('message', (message: FromCheckpointer) => {
        if (message.type === 'closed') resolve();
      });
      thread.once('exit', () => resolve());
    });
    thread.ref();
    thread.postMessage({ type: 'close' });
    await closed;
    await thread.terminate();
  }
}
