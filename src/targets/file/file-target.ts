import type { FileHandle } from 'node:fs/promises';
import { mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ErrorCodes } from '../http/classify.js';
import type { DeliveryOutcome, DeliveryRequest, Target } from '../target.js';
import type { FileTargetSpec } from './schema.js';

interface Pending {
  line: string;
  settle: (outcome: DeliveryOutcome) => void;
}

/**
 * Appends each event as one NDJSON line. One writer drains a queue: the lines that arrived while the
 * previous write was on its way go out in one append and one fsync (group commit), so concurrent
 * deliveries never interleave their bytes, each succeeds only once its line is on disk, and fsync
 * does not cost one disk flush per event.
 */
class FileTarget implements Target {
  readonly kind = 'file';
  private readonly path: string;
  private handle: FileHandle | undefined;
  private queue: Pending[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;

  constructor(spec: FileTargetSpec) {
    this.path = resolve(spec.path);
  }

  deliver(req: DeliveryRequest): Promise<DeliveryOutcome> {
    return this.deliverLine(toLine(req.body));
  }

  private deliverLine(line: string): Promise<DeliveryOutcome> {
    if (this.closed) return Promise.resolve(failure(ErrorCodes.internalError, 'the file target is closed'));
    return new Promise((settle) => {
      this.queue.push({ line, settle });
      this.draining ??= this.drain();
    });
  }

  /** Creates the folders and opens the file, through the writer so it never races a delivery. */
  connect(): Promise<DeliveryOutcome> {
    return this.deliverLine('');
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        const outcome = await this.append(batch.map((p) => p.line).join(''));
        for (const p of batch) p.settle(outcome);
      }
    } finally {
      // Cleared in the same step as the emptiness check, so no delivery can be left without a writer.
      this.draining = undefined;
    }
  }

  private async append(text: string): Promise<DeliveryOutcome> {
    try {
      if (!this.handle) {
        await mkdir(dirname(this.path), { recursive: true });
        this.handle = await open(this.path, 'a');
      }
      await this.handle.appendFile(text);
      await this.handle.sync();
      return { ok: true };
    } catch (error) {
      // Reopen on the next delivery: the folder may have been fixed or the disk freed meanwhile.
      await this.handle?.close().catch(() => undefined);
      this.handle = undefined;
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      return failure(ErrorCodes.errorFromTarget, `cannot append to ${this.path}: ${code}`);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** One line per event: JSON is kept as it is unless it spans lines; any other text becomes a JSON string. */
function toLine(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return JSON.stringify(body) + '\n';
  }
  return /[\r\n]/.test(body) ? JSON.stringify(parsed) + '\n' : body + '\n';
}

function failure(errorCode: string, errorMessage: string): DeliveryOutcome {
  return { ok: false, retryable: true, errorCode, errorMessage };
}

export function createFileTarget(spec: FileTargetSpec): Target {
  return new FileTarget(spec);
}
