import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  type AppendListener,
  type AppendResult,
  type EventLog,
  EventLogClosedError,
  type LogEntry,
  type LogRecord,
} from './event-log.js';
import { Checkpointer, type CheckpointOptions } from './sqlite/checkpointer.js';
import { logThread } from './sqlite/log-thread.js';
import { openLogDatabase } from './sqlite/schema.js';
import {
  FIELDS_PER_ENTRY,
  type FromWriter,
  type GroupsCommitted,
  type ToWriter,
  type WriterSetup,
} from './sqlite/writer-protocol.js';
import { UnreadRecords } from './unread-records.js';

export interface SqliteEventLogOptions {
  /** The database file; its folder is created when missing. */
  readonly file: string;
  /**
   * `FULL` (default) syncs the WAL on every commit, so an acknowledged event survives power loss;
   * `NORMAL` survives a crash of the process but not of the machine.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Records kept in memory until their first read, for the reader at the head of the log (default 8192). */
  readonly unreadRecords?: number;
  /** When and how far the WAL is copied into the database, by a thread of its own. */
  readonly checkpoints?: CheckpointOptions;
}

interface PendingAppend {
  readonly entries: readonly LogEntry[];
  readonly resolve: (results: AppendResult[]) => void;
  readonly reject: (error: unknown) => void;
}

interface CursorWaiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Appends and cursor commits of one turn of the event loop, sent to the writer as one message. */
interface Group {
  readonly appends: PendingAppend[];
  readonly cursorWaiters: CursorWaiter[];
  readonly entryCount: number;
}

interface RecordRow {
  position: number;
  event_id: string;
  source: string;
  raw: string;
  canonical: string | null;
  ingested_at: number;
}

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
 * The most UTF-16 code units one text of a group carries. V8 puts strings over 128 KB in its large-object
 * space, and making one costs about a millisecond (a whole group's text as one string cost the event loop
 * 2.5 µs per event); texts of at most 32K code units stay in the young generation even as two-byte strings.
 */
const MAX_TEXT_CHUNK = 32 * 1024;

/**
 * The embedded log: one SQLite database in WAL mode, written by a thread of its own. Appends made in the
 * same turn of the event loop go to the writer as one group; groups that reach it while it commits or
 * syncs share the next transaction and the next fsync of the WAL (group commit). No caller is answered,
 * nor any reader shown a record, before its records are on disk. Reads use a connection of this thread.
 * A third thread copies the WAL into the database (checkpoints), so that commits never wait for it.
 */
export class SqliteEventLog implements EventLog {
  private readonly db: Database.Database;
  private readonly readAfter: Database.Statement;
  private readonly readOne: Database.Statement;
  private readonly readCursor: Database.Statement;
  private readonly setup: WriterSetup;
  private writer: Worker;
  private readonly checkpointer: Checkpointer;
  private writerClosed: Promise<void> | undefined;
  private appends: PendingAppend[] = [];
  private cursorUpdates = new Map<string, number>();
  private cursorWaiters: CursorWaiter[] = [];
  /** The latest position committed or waiting to be, per consumer. */
  private readonly cursorValues = new Map<string, number>();
  private readonly inWriter = new Map<number, Group>();
  private nextGroup = 1;
  private queuedEntries = 0;
  private writingEntries = 0;
  private scheduled = false;
  private closed = false;
  private readonly counters = { commits: 0, syncs: 0, entries: 0, syncMs: 0 };
  private last: number;
  private readonly listeners = new Set<AppendListener>();
  private readonly unread: UnreadRecords;

  constructor(options: SqliteEventLogOptions) {
    mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    openLogDatabase(this.db);
    this.unread = new UnreadRecords(options.unreadRecords ?? 8192);
    this.setup = { file: options.file, durable: (options.synchronous ?? 'FULL') === 'FULL' };
    this.readAfter = this.db.prepare(
      'SELECT * FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?',
    );
    this.readOne = this.db.prepare('SELECT * FROM events WHERE position = ?');
    this.readCursor = this.db.prepare('SELECT position FROM cursors WHERE consumer = ?').pluck();
    this.last =
      (this.db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get() as number) ?? 0;
    this.writer = this.startWriter();
    this.checkpointer = new Checkpointer(options.file, options.checkpoints);
  }

  private startWriter(): Worker {
    const writer = logThread('writer-thread', this.setup);
    writer.on('message', (message: FromWriter) => this.onWriter(message));
    writer.on('error', (error) => this.writerLost(writer, error));
    writer.on('exit', (code) => this.writerLost(writer, new Error(`the log writer stopped (code ${code})`)));
    // The writer must not keep the process alive on its own; pending work keeps it referenced.
    writer.unref();
    return writer;
  }

  /**
   * A writer that dies fails what it held (none of it was acknowledged) and is replaced, so that the log
   * keeps taking appends.
   */
  private writerLost(writer: Worker, error: unknown): void {
    if (writer !== this.writer || this.writerClosed !== undefined) return;
    for (const group of this.inWriter.values()) this.failGroup(group, error);
    this.inWriter.clear();
    this.writingEntries = 0;
    this.unread.clear();
    if (!this.closed) this.writer = this.startWriter();
  }

  append(entries: readonly LogEntry[]): Promise<AppendResult[]> {
    if (this.closed) return Promise.reject(new EventLogClosedError());
    if (entries.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.appends.push({ entries, resolve, reject });
      this.queuedEntries += entries.length;
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
    if (appends.length === 0 && this.cursorUpdates.size === 0) return;
    const cursors = [...this.cursorUpdates];
    const group: Group = { appends, cursorWaiters: this.cursorWaiters, entryCount: this.queuedEntries };
    this.appends = [];
    this.cursorUpdates = new Map();
    this.cursorWaiters = [];
    this.queuedEntries = 0;
    const count = group.entryCount;
    const texts: string[] = [];
    let fields: string[] = [];
    let chunkLength = 0;
    const lengths = new Int32Array(count * FIELDS_PER_ENTRY);
    const ingestedAt = new Float64Array(count);
    let i = 0;
    for (const append of appends) {
      for (const e of append.entries) {
        const k = i * FIELDS_PER_ENTRY;
        const canonicalLength = e.canonical === e.raw ? -1 : e.canonical.length;
        const entryLength = e.source.length + e.id.length + e.raw.length + Math.max(0, canonicalLength);
        if (chunkLength > 0 && chunkLength + entryLength > MAX_TEXT_CHUNK) {
          texts.push(fields.join(''));
          fields = [];
          chunkLength = 0;
        }
        chunkLength += entryLength;
        fields.push(e.source, e.id, e.raw);
        lengths[k] = e.source.length;
        lengths[k + 1] = e.id.length;
        lengths[k + 2] = e.raw.length;
        lengths[k + 3] = canonicalLength;
        if (canonicalLength >= 0) fields.push(e.canonical);
        ingestedAt[i++] = e.ingestedAt;
      }
    }
    if (fields.length > 0) texts.push(fields.join(''));
    const id = this.nextGroup++;
    this.inWriter.set(id, group);
    this.writingEntries += group.entryCount;
    if (this.inWriter.size === 1) this.writer.ref();
    this.send({ type: 'append', group: id, count, texts, lengths, ingestedAt, cursors });
  }

  private send(message: ToWriter): void {
    this.writer.postMessage(message);
  }

  private onWriter(message: FromWriter): void {
    if (message.type === 'closed') return;
    const groups: Group[] = [];
    for (const id of message.groups) {
      const group = this.inWriter.get(id);
      if (!group) continue;
      this.inWriter.delete(id);
      this.writingEntries -= group.entryCount;
      groups.push(group);
    }
    if (this.inWriter.size === 0 && !this.closed) this.writer.unref();
    if (message.type === 'failed') {
      // Whatever the failed commit left in the database is seen only through queries from now on.
      this.unread.clear();
      const error = new Error(`the event log could not store the events: ${message.message}`);
      for (const group of groups) this.failGroup(group, error);
      return;
    }
    this.acknowledge(groups, message);
  }

  private failGroup(group: Group, error: unknown): void {
    for (const append of group.appends) append.reject(error);
    for (const waiter of group.cursorWaiters) waiter.reject(error);
  }

  private acknowledge(groups: readonly Group[], message: GroupsCommitted): void {
    this.counters.commits++;
    if (message.synced) {
      this.counters.syncs++;
      this.counters.syncMs += message.syncMs;
    }
    const before = this.last;
    groups.forEach((group, g) => {
      const positions = message.positions[g];
      const stored: LogRecord[] = [];
      let k = 0;
      for (const append of group.appends) {
        const results: AppendResult[] = new Array(append.entries.length);
        for (let j = 0; j < append.entries.length; j++, k++) {
          const p = positions[k];
          const duplicate = p < 0;
          const position = duplicate ? -p : p;
          results[j] = { position, duplicate };
          if (duplicate) continue;
          const e = append.entries[j];
          stored.push({
            position,
            id: e.id,
            source: e.source,
            raw: e.raw,
            canonical: e.canonical,
            ingestedAt: e.ingestedAt,
            event: e.event,
          });
          if (position > this.last) this.last = position;
        }
        this.counters.entries += append.entries.length;
        append.resolve(results);
      }
      this.unread.add(stored);
      for (const waiter of group.cursorWaiters) waiter.resolve();
    });
    if (this.last > before) for (const listener of this.listeners) listener(this.last);
  }

  async read(after: number, limit: number): Promise<LogRecord[]> {
    if (this.closed) throw new EventLogClosedError();
    const unread = this.unread.read(after, limit);
    if (unread) return unread;
    // Only durable records: a commit waiting for its sync is not yet acknowledged to anyone.
    return (this.readAfter.all(after, this.last, limit) as RecordRow[]).map(toRecord);
  }

  async get(position: number): Promise<LogRecord | undefined> {
    if (this.closed) throw new EventLogClosedError();
    const unread = this.unread.get(position);
    if (unread) return unread;
    if (position > this.last) return undefined;
    const row = this.readOne.get(position) as RecordRow | undefined;
    return row && toRecord(row);
  }

  lastPosition(): number {
    return this.last;
  }

  async getCursor(consumer: string): Promise<number> {
    if (this.closed) throw new EventLogClosedError();
    return this.cursorValues.get(consumer) ?? (this.readCursor.get(consumer) as number | undefined) ?? 0;
  }

  /** Cursor commits ride along with the next group commit rather than paying a sync of their own. */
  commitCursor(consumer: string, position: number): Promise<void> {
    if (this.closed) return Promise.reject(new EventLogClosedError());
    return new Promise((resolve, reject) => {
      this.cursorUpdates.set(consumer, position);
      this.cursorValues.set(consumer, position);
      this.cursorWaiters.push({ resolve, reject });
      this.schedule();
    });
  }

  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Commits, syncs, entries and time spent syncing so far: how well group commit is grouping. */
  stats(): { commits: number; syncs: number; entries: number; syncMs: number; checkpointFailures: number } {
    return { ...this.counters, checkpointFailures: this.checkpointer.failureCount() };
  }

  /** Entries not yet durable: waiting for the next group or in the writer's hands. */
  pendingAppends(): number {
    return this.queuedEntries + this.writingEntries;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    const writer = this.writer;
    this.writerClosed = new Promise<void>((resolve) => {
      writer.on('message', (message: FromWriter) => {
        if (message.type === 'closed') resolve();
      });
      writer.once('exit', () => resolve());
    });
    writer.ref();
    this.send({ type: 'close' });
    await this.writerClosed;
    await writer.terminate();
    await this.checkpointer.close();
    this.listeners.clear();
    this.db.close();
  }
}
