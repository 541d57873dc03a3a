import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openLogDatabase } from './schema.js';
import type { CheckpointSetup, FromCheckpointer, ToCheckpointer } from './writer-protocol.js';

/**
 * The log's checkpointer, on a thread of its own: copying the WAL's pages into the database and syncing
 * both takes tens of milliseconds, which, in the writer, held every commit (and so every acknowledgement)
 * behind it. Here the writer goes on committing while the pages are copied (a PASSIVE checkpoint, every
 * `intervalMs`). A checkpoint that runs while commits go on cannot let the WAL start over from its
 * beginning, so once the WAL holds `restartBytes` a RESTART checkpoint, which waits for the writer between
 * two commits, copies the few pages left and lets the next commit start the WAL over: the WAL stays
 * bounded under any load. `synchronous = NORMAL` syncs the WAL before the copy and the database after it,
 * so no commit's only copy is ever overwritten.
 */
const setup = workerData as CheckpointSetup;
const port = parentPort!;
const db = new Database(setup.file);
openLogDatabase(db);
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const restart = db.prepare('PRAGMA wal_checkpoint(RESTART)');
const pageSize = db.pragma('page_size', { simple: true }) as number;

/** One row of `PRAGMA wal_checkpoint`: `log` frames in the WAL, `checkpointed` of them copied. */
interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * RESTART holds the writer's lock while it waits for readers of older snapshots: it waits at most this
 * long, and after a wait that did not end, the next RESTART waits out a growing pause (a long read from
 * another connection costs the writer at most one such wait per pause, the WAL growing meanwhile).
 */
const RESTART_WAIT_MS = 100;
const FIRST_PAUSE_MS = 1000;
const LONGEST_PAUSE_MS = 30_000;
db.pragma(`busy_timeout = ${RESTART_WAIT_MS}`);
let pauseMs = 0;
let nextRestartAt = 0;

function checkpoint(): void {
  const row = passive.get() as CheckpointRow;
  if (row.log * pageSize < setup.restartBytes || Date.now() < nextRestartAt) return;
  const restarted = restart.get() as CheckpointRow;
  if (restarted.busy === 0) {
    pauseMs = 0;
    return;
  }
  pauseMs = Math.min(LONGEST_PAUSE_MS, Math.max(FIRST_PAUSE_MS, pauseMs * 2));
  nextRestartAt = Date.now() + pauseMs;
}

const timer = setInterval(() => {
  try {
    checkpoint();
  } catch (error) {
    // SQLITE_BUSY past the busy timeout, or a full disk: the next tick tries again; commits do not depend
    // on a checkpoint.
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({ type: 'checkpoint-failed', message } satisfies FromCheckpointer);
  }
}, setup.intervalMs);

port.on('message', (message: ToCheckpointer) => {
  if (message.type !== 'close') return;
  clearInterval(timer);
  db.close();
  port.postMessage({ type: 'closed' } satisfies FromCheckpointer);
  port.close();
});
