import { closeSync, fsync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openLogDatabase } from './schema.js';
import {
  type AppendGroup,
  FIELDS_PER_ENTRY,
  type FromWriter,
  type ToWriter,
  type WriterSetup,
} from './writer-protocol.js';

/**
 * The log's only writer, on its own thread: SQLite inserts, commits, WAL syncs and checkpoints cost the
 * event loop nothing. Groups that arrive in the same turn share a commit; commits made while the WAL syncs
 * share the next sync (group commit).
 */
const setup = workerData as WriterSetup;
const port = parentPort!;
const db = new Database(setup.file);
openLogDatabase(db);
// Checkpoints are the checkpointer thread's: here they would hold commits behind them.
db.pragma('wal_autocheckpoint = 0');
const insert = db.prepare(
  'INSERT INTO events (source, event_id, ingested_at, raw, canonical) VALUES (?, ?, ?, ?, ?) ' +
    'ON CONFLICT (source, event_id) DO NOTHING',
);
const findExisting = db.prepare('SELECT position FROM events WHERE source = ? AND event_id = ?').pluck();
const writeCursor = db.prepare(
  'INSERT INTO cursors (consumer, position) VALUES (?, ?) ' +
    'ON CONFLICT (consumer) DO UPDATE SET position = excluded.position',
);

function insertGroup(g: AppendGroup): Float64Array {
  const positions = new Float64Array(g.count);
  let chunk = 0;
  let text = g.texts[0] ?? '';
  let at = 0;
  const field = (k: number): string | null => {
    const length = g.lengths[k];
    if (length < 0) return null;
    const value = text.slice(at, at + length);
    at += length;
    return value;
  };
  for (let i = 0, k = 0; i < g.count; i++, k += FIELDS_PER_ENTRY) {
    if (at === text.length && chunk + 1 < g.texts.length) {
      text = g.texts[++chunk];
      at = 0;
    }
    const source = field(k) as string;
    const id = field(k + 1) as string;
    const raw = field(k + 2) as string;
    const canonical = field(k + 3);
    const info = insert.run(source, id, g.ingestedAt[i], raw, canonical);
    positions[i] =
      info.changes === 1 ? Number(info.lastInsertRowid) : -(findExisting.get(source, id) as number);
  }
  for (const [consumer, position] of g.cursors) writeCursor.run(consumer, position);
  return positions;
}

const commit = db.transaction((groups: AppendGroup[]) => groups.map(insertGroup));

let walFd: number | undefined;
let queue: AppendGroup[] = [];
let scheduled = false;
/** Committed, waiting for a sync of the WAL: answered only once it is on disk. */
let unsynced: Array<{ groups: number[]; positions: Float64Array[] }> = [];
let syncing = false;
let onSyncIdle: (() => void) | undefined;

function post(message: FromWriter): void {
  port.postMessage(message);
}

function failed(groups: number[], error: unknown): void {
  post({ type: 'failed', groups, message: error instanceof Error ? error.message : String(error) });
}

function writeQueued(): void {
  scheduled = false;
  const groups = queue;
  queue = [];
  if (groups.length === 0) return;
  const ids = groups.map((g) => g.group);
  let positions: Float64Array[];
  try {
    positions = commit(groups);
  } catch (error) {
    failed(ids, error);
    return;
  }
  if (!setup.durable) {
    post({ type: 'committed', groups: ids, positions, syncMs: 0, synced: false });
    return;
  }
  unsynced.push({ groups: ids, positions });
  syncNext();
}

/**
 * One fsync of the WAL at a time, off this thread's loop, so that commits go on while the disk syncs;
 * each sync covers every commit made before it started.
 */
function syncNext(): void {
  if (syncing || unsynced.length === 0) {
    if (!syncing) onSyncIdle?.();
    return;
  }
  const commits = unsynced;
  unsynced = [];
  syncing = true;
  const started = performance.now();
  try {
    walFd ??= openSync(`${setup.file}-wal`, 'r');
  } catch (error) {
    syncing = false;
    for (const c of commits) failed(c.groups, error);
    return;
  }
  fsync(walFd, (error) => {
    syncing = false;
    const syncMs = performance.now() - started;
    if (error) for (const c of commits) failed(c.groups, error);
    else
      post({
        type: 'committed',
        groups: commits.flatMap((c) => c.groups),
        positions: commits.flatMap((c) => c.positions),
        syncMs,
        synced: true,
      });
    syncNext();
  });
}

function close(): void {
  writeQueued();
  const finish = () => {
    if (walFd !== undefined) closeSync(walFd);
    db.close();
    post({ type: 'closed' });
    port.close();
  };
  if (syncing) onSyncIdle = finish;
  else finish();
}

port.on('message', (message: ToWriter) => {
  if (message.type === 'close') {
    close();
    return;
  }
  queue.push(message);
  if (!scheduled) {
    scheduled = true;
    // Everything already waiting in the port is delivered before this runs, so it joins the commit.
    setImmediate(writeQueued);
  }
});
