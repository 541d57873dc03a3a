import { Isolate, type IsolateOptions } from './isolate.js';

/**
 * Up to `size` isolates, each running one invocation at a time. Callers wait in order for a free
 * isolate; a dead isolate (crashed, killed on timeout) is dropped and a fresh one started in its place.
 */
export class IsolatePool {
  private readonly idle: Isolate[] = [];
  private readonly waiters: Array<(isolate: Isolate | undefined) => void> = [];
  private readonly all = new Set<Isolate>();
  private count = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly options: IsolateOptions,
  ) {}

  /** A free isolate, or `undefined` once the pool is closed. */
  acquire(): Promise<Isolate | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const isolate = this.idle.pop();
    if (isolate) return Promise.resolve(isolate);
    if (this.count < this.size) {
      this.count++;
      return Promise.resolve(this.spawn());
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(isolate: Isolate): void {
    if (!isolate.alive || this.closed) {
      if (isolate.alive) isolate.kill();
      this.all.delete(isolate);
      this.count--;
      const waiter = this.closed ? undefined : this.waiters.shift();
      if (waiter) {
        this.count++;
        waiter(this.spawn());
      }
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter(isolate);
    else this.idle.push(isolate);
  }

  /** Kills every isolate: invocations still running end as crashes (retryable). */
  close(): void {
    this.closed = true;
    this.idle.length = 0;
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
    for (const isolate of this.all) isolate.kill();
    this.all.clear();
  }

  private spawn(): Isolate {
    const isolate = new Isolate(this.options);
    this.all.add(isolate);
    return isolate;
  }
}
