import { closeSync, fsync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  type AppendListener,
  type AppendResult,
  type EventLog,
  EventLogClosedError,
  type LogEntry,
  type LogRecord,
} from './event-log.js';
import { RecentRecords } from './recent-records.js';

export interface SqliteEventLogOptions {
  /** The database file; its folder is created when missing. */
  readonly file: string;
  /**
   * `FULL` (default) syncs the WAL on every commit, so an acknowledged event survives power loss;
   * `NORMAL` survives a crash of the process but not of the machine.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Latest records kept in memory for readers at the head of the log (default 8192). */
  readonly recentRecords?: number;
}

interface PendingAppend {
  readonly entries: readonly LogEntry[];
  readonly resolve: (results: AppendResult[]) => void;
  readonly reject: (error: unknown) => void;
}

interface PendingCursor {
  position: number;
  readonly waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

interface CommittedGroup {
  readonly appends: PendingAppend[];
  readonly cursors: Map<string, PendingCursor>;
  readonly results: AppendResult[][];
  /** The records this group stored (duplicates excluded), in position order. */
  readonly stored: LogRecord[];
}

interface RecordRow {
  position: number;
  event_id: string;
  source: string;
  raw: string;
  canonical: string | null;
  ingested_at: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  event_id TEXT NOT NULL,
  ingested_at INTEGER NOT NULL,
  raw TEXT NOT NULL,
  canonical TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS events_source_id ON events(source, event_id);
CREATE TABLE IF NOT EXISTS cursors (consumer TEXT PRIMARY KEY, position INTEGER NOT NULL);
`;

function toRecord(row: RecordRow): LogRecord {
  return {
    position: row.position,
    id: row.event_id,
    source: row.source,
    raw: row.raw,
    canonical: row.canonical ?? row.raw,
    ingestedAt: row.ingested_at,
  };
}

/**
 * The embedded log: one SQLite database in WAL mode. Appends that arrive in the same turn of the event
 * loop share one transaction (group commit); the WAL is then synced off the event loop, one fsync at a
 * time covering every group committed before it, so the loop keeps taking requests while the disk
 * syncs, and no caller is answered (nor any reader shown a record) before its records are on disk.
 */
export class SqliteEventLog implements EventLog {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly findExisting: Database.Statement;
  private readonly readAfter: Database.Statement;
  private readonly readOne: Database.Statement;
  private readonly readCursor: Database.Statement;
  private readonly writeCursor: Database.Statement;
  private readonly commitBatch: (
    appends: PendingAppend[],
    cursors: Map<string, PendingCursor>,
  ) => AppendResult[][];
  private appends: PendingAppend[] = [];
  private cursors = new Map<string, PendingCursor>();
  private pendingEntryCount = 0;
  private scheduled = false;
  private closed = false;
  private readonly file: string;
  private readonly durable: boolean;
  private walFd: number | undefined;
  private syncing = false;
  private unsynced: CommittedGroup[] = [];
  private readonly syncIdle: Array<() => void> = [];
  private readonly counters = { commits: 0, syncs: 0, entries: 0, syncMs: 0 };
  private last: number;
  private readonly listeners = new Set<AppendListener>();
  private readonly recent: RecentRecords;

  constructor(options: SqliteEventLogOptions) {
    mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    // Commits write the WAL without syncing; durability comes from the asynchronous fsync of the WAL
    // after each group (FULL), while NORMAL still syncs around checkpoints so they cannot lose frames.
    this.db.pragma('synchronous = NORMAL');
    this.file = options.file;
    this.recent = new RecentRecords(options.recentRecords ?? 8192);
    this.durable = (options.synchronous ?? 'FULL') === 'FULL';
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare(
      'INSERT INTO events (source, event_id, ingested_at, raw, canonical) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (source, event_id) DO NOTHING',
    );
    this.findExisting = this.db
      .prepare('SELECT position FROM events WHERE source = ? AND event_id = ?')
      .pluck();
    this.readAfter = this.db.prepare(
      'SELECT * FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?',
    );
    this.readOne = this.db.prepare('SELECT * FROM events WHERE position = ?');
    this.readCursor = this.db.prepare('SELECT position FROM cursors WHERE consumer = ?').pluck();
    this.writeCursor = this.db.prepare(
      'INSERT INTO cursors (consumer, position) VALUES (?, ?) ' +
        'ON CONFLICT (consumer) DO UPDATE SET position = excluded.position',
    );
    this.last =
      (this.db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get() as number) ?? 0;
    this.commitBatch = this.db.transaction(
      (appends: PendingAppend[], cursors: Map<string, PendingCursor>) => {
        for (const [consumer, cursor] of cursors) this.writeCursor.run(consumer, cursor.position);
        return appends.map((append) => append.entries.map((entry) => this.insertOne(entry)));
      },
    );
  }

  private insertOne(entry: LogEntry): AppendResult {
    const canonical = entry.canonical === entry.raw ? null : entry.canonical;
    const info = this.insert.run(entry.source, entry.id, entry.ingestedAt, entry.raw, canonical);
    if (info.changes === 1) return { position: Number(info.lastInsertRowid), duplicate: false };
    return { position: this.findExisting.get(entry.source, entry.id) as number, duplicate: true };
  }

  append(entries: readonly LogEntry[]): Promise<AppendResult[]> {
    if (this.closed) return Promise.reject(new EventLogClosedError());
    if (entries.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.appends.push({ entries, resolve, reject });
      this.pendingEntryCount += entries.length;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const appends = this.appends;
    const cursors = this.cursors;
    if (appends.length === 0 && cursors.size === 0) return;
    this.appends = [];
    this.cursors = new Map();
    this.pendingEntryCount = 0;
    let results: AppendResult[][];
    try {
      results = this.commitBatch(appends, cursors);
    } catch (error) {
      this.fail({ appends, cursors }, error);
      return;
    }
    this.counters.commits++;
    const stored: LogRecord[] = [];
    appends.forEach((append, i) => {
      this.counters.entries += append.entries.length;
      append.entries.forEach((entry, j) => {
        const r = results[i][j];
        if (r.duplicate) return;
        const { id, source, raw, canonical, ingestedAt } = entry;
        stored.push({ position: r.position, id, source, raw, canonical, ingestedAt });
      });
    });
    const group: CommittedGroup = { appends, cursors, results, stored };
    if (!this.durable) {
      this.acknowledge(group);
      return;
    }
    this.unsynced.push(group);
    this.syncNext();
  }

  /**
   * One fsync of the WAL at a time, off the event loop; each covers every group committed before it
   * started, so groups committed meanwhile share the next one.
   */
  private syncNext(): void {
    if (this.syncing || this.unsynced.length === 0) return;
    const groups = this.unsynced;
    this.unsynced = [];
    this.syncing = true;
    const started = performance.now();
    fsync(this.walDescriptor(), (error) => {
      this.syncing = false;
      this.counters.syncs++;
      this.counters.syncMs += performance.now() - started;
      for (const group of groups) {
        if (error) this.fail(group, error);
        else this.acknowledge(group);
      }
      this.syncNext();
      if (!this.syncing) for (const resolve of this.syncIdle.splice(0)) resolve();
    });
  }

  private walDescriptor(): number {
    this.walFd ??= openSync(`${this.file}-wal`, 'r');
    return this.walFd;
  }

  private fail(group: Pick<CommittedGroup, 'appends' | 'cursors'>, error: unknown): void {
    // Whatever the failed group left in the database is seen only through queries from now on.
    this.recent.clear();
    for (const append of group.appends) append.reject(error);
    for (const cursor of group.cursors.values()) for (const waiter of cursor.waiters) waiter.reject(error);
  }

  private acknowledge(group: CommittedGroup): void {
    for (const cursor of group.cursors.values()) for (const waiter of cursor.waiters) waiter.resolve();
    const before = this.last;
    this.recent.add(group.stored);
    group.results.forEach((result, index) => {
      for (const r of result) if (!r.duplicate && r.position > this.last) this.last = r.position;
      group.appends[index].resolve(result);
    });
    if (this.last > before) for (const listener of this.listeners) listener(this.last);
  }

  async read(after: number, limit: number): Promise<LogRecord[]> {
    if (this.closed) throw new EventLogClosedError();
    const recent = this.recent.read(after, limit);
    if (recent) return recent;
    // Only durable records: a commit waiting for its sync is not yet acknowledged to anyone.
    return (this.readAfter.all(after, this.last, limit) as RecordRow[]).map(toRecord);
  }

  async get(position: number): Promise<LogRecord | undefined> {
    if (this.closed) throw new EventLogClosedError();
    const recent = this.recent.get(position);
    if (recent) return recent;
    const row = this.readOne.get(position) as RecordRow | undefined;
    return row && toRecord(row);
  }

  lastPosition(): number {
    return this.last;
  }

  async getCursor(consumer: string): Promise<number> {
    if (this.closed) throw new EventLogClosedError();
    const pending = this.cursors.get(consumer);
    if (pending) return pending.position;
    return (this.readCursor.get(consumer) as number | undefined) ?? 0;
  }

  /** Cursor commits ride along with the next group commit rather than paying a sync of their own. */
  commitCursor(consumer: string, position: number): Promise<void> {
    if (this.closed) return Promise.reject(new EventLogClosedError());
    return new Promise((resolve, reject) => {
      const pending = this.cursors.get(consumer) ?? { position, waiters: [] };
      pending.position = position;
      pending.waiters.push({ resolve, reject });
      this.cursors.set(consumer, pending);
      this.schedule();
    });
  }

  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Commits, syncs, entries and time spent syncing so far: how well group commit is grouping. */
  stats(): { commits: number; syncs: number; entries: number; syncMs: number } {
    return { ...this.counters };
  }

  pendingAppends(): number {
    return this.pendingEntryCount;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    if (this.syncing) await new Promise<void>((resolve) => this.syncIdle.push(resolve));
    this.listeners.clear();
    if (this.walFd !== undefined) closeSync(this.walFd);
    this.db.close();
  }
}
