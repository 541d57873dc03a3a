import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
  DeadLetter,
  DeadLetterFilter,
  DeliveryStore,
  NewDeadLetter,
  NewDelivery,
  OutboxItem,
  SettledPositions,
} from './store.js';
import { isStored } from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY,
  target_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  ingested_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS outbox_target_position ON outbox(target_key, position);
CREATE INDEX IF NOT EXISTS outbox_target_due ON outbox(target_key, due_at, id);
CREATE TABLE IF NOT EXISTS dead_letters (
  id INTEGER PRIMARY KEY,
  target_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  body TEXT NOT NULL,
  ingested_at INTEGER NOT NULL,
  error_code TEXT NOT NULL,
  error_message TEXT NOT NULL,
  exhausted_retry_condition TEXT,
  retry_attempts INTEGER NOT NULL,
  rule_arn TEXT NOT NULL,
  target_arn TEXT NOT NULL,
  failed_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS settled (target_key TEXT PRIMARY KEY, position INTEGER NOT NULL);
`;

interface OutboxRow {
  id: number;
  target_key: string;
  position: number;
  event_id: string;
  body: string;
  attempts: number;
  ingested_at: number;
  due_at: number;
}

const toItem = (r: OutboxRow): OutboxItem => ({
  id: r.id,
  targetKey: r.target_key,
  position: r.position,
  eventId: r.event_id,
  body: r.body,
  attempts: r.attempts,
  ingestedAt: r.ingested_at,
  dueAt: r.due_at,
});

const toLetter = (r: Record<string, unknown>): DeadLetter => ({
  id: r.id as number,
  targetKey: r.target_key as string,
  position: r.position as number,
  eventId: r.event_id as string,
  body: r.body as string,
  ingestedAt: r.ingested_at as number,
  errorCode: r.error_code as string,
  errorMessage: r.error_message as string,
  exhaustedRetryCondition: (r.exhausted_retry_condition as string | null) ?? null,
  retryAttempts: r.retry_attempts as number,
  ruleArn: r.rule_arn as string,
  targetArn: r.target_arn as string,
  failedAt: r.failed_at as number,
});

/**
 * The outbox in its own SQLite database. It syncs less than the log (`synchronous = NORMAL`): it survives
 * a crash of the process; after a crash of the machine it can only lose its latest changes together with
 * the router position that produced them, which the router then redoes from the durable log, so an event
 * may be delivered twice but never lost. Completions and reschedules are buffered and written together.
 */
export class SqliteDeliveryStore implements DeliveryStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly counts = new Map<string, number>();
  private completions: number[] = [];
  private reschedules: Array<[number, number, number]> = [];
  private scheduled = false;
  private readonly writeBuffered: () => void;
  private readonly enqueueTx: (items: readonly NewDelivery[]) => OutboxItem[];
  private readonly saveSettledTx: (positions: SettledPositions) => void;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Outbox rows are written, then deleted within moments: the same few pages change over and over, and a
    // checkpoint copies each page once however often it changed. Checkpointing every 40 MB of WAL instead
    // of SQLite's 4 MB makes the checkpoints (and their two fsyncs, on the event loop) ten times rarer for
    // about the same pages copied.
    this.db.pragma('wal_autocheckpoint = 10000');
    this.db.exec(SCHEMA);
    const db = this.db;
    this.statements = {
      insert: db.prepare(
        'INSERT OR IGNORE INTO outbox (target_key, position, event_id, body, attempts, ingested_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      setPosition: db.prepare(
        "INSERT INTO meta (key, value) VALUES ('router', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ),
      position: db.prepare("SELECT value FROM meta WHERE key = 'router'").pluck(),
      settled: db.prepare('SELECT target_key, position FROM settled'),
      dropSettled: db.prepare('DELETE FROM settled WHERE target_key = ?'),
      setSettled: db.prepare(
        'INSERT INTO settled (target_key, position) VALUES (?, ?) ' +
          'ON CONFLICT (target_key) DO UPDATE SET position = excluded.position',
      ),
      due: db.prepare(
        'SELECT * FROM outbox WHERE target_key = ? AND due_at <= ? ORDER BY due_at, id LIMIT ?',
      ),
      nextDue: db.prepare('SELECT MIN(due_at) FROM outbox WHERE target_key = ? AND due_at > ?').pluck(),
      complete: db.prepare('DELETE FROM outbox WHERE id = ?'),
      reschedule: db.prepare('UPDATE outbox SET attempts = ?, due_at = ? WHERE id = ?'),
      insertLetter: db.prepare(
        'INSERT INTO dead_letters (target_key, position, event_id, body, ingested_at, error_code, error_message, exhausted_retry_condition, retry_attempts, rule_arn, target_arn, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      drop: db.prepare('DELETE FROM outbox WHERE target_key = ?'),
    };
    for (const row of db
      .prepare('SELECT target_key, COUNT(*) AS n FROM outbox GROUP BY target_key')
      .all() as Array<{
      target_key: string;
      n: number;
    }>) {
      this.counts.set(row.target_key, row.n);
    }
    this.enqueueTx = db.transaction((items: readonly NewDelivery[]) => {
      const created: OutboxItem[] = [];
      for (const item of items) {
        const attempts = item.attempts ?? 0;
        const dueAt = item.dueAt ?? 0;
        const info = this.statements.insert.run(
          item.targetKey,
          item.position,
          item.eventId,
          item.body,
          attempts,
          item.ingestedAt,
          dueAt,
        );
        if (info.changes === 1) {
          const { targetKey, position, eventId, body, ingestedAt } = item;
          created.push({
            id: Number(info.lastInsertRowid),
            targetKey,
            position,
            eventId,
            body,
            ingestedAt,
            attempts,
            dueAt,
          });
        }
      }
      return created;
    });
    this.saveSettledTx = db.transaction((positions: SettledPositions) => {
      this.statements.setPosition.run(positions.router);
      for (const [key, position] of positions.targets) this.statements.setSettled.run(key, position);
    });
    this.writeBuffered = db.transaction(() => {
      for (const id of this.completions) this.statements.complete.run(id);
      for (const [id, attempts, dueAt] of this.reschedules)
        this.statements.reschedule.run(attempts, dueAt, id);
    });
  }

  enqueue(items: readonly NewDelivery[]): OutboxItem[] {
    if (items.length === 0) return [];
    const created = this.enqueueTx(items);
    for (const item of created) this.counts.set(item.targetKey, (this.counts.get(item.targetKey) ?? 0) + 1);
    return created;
  }

  settledPositions(): SettledPositions {
    const rows = this.statements.settled.all() as Array<{ target_key: string; position: number }>;
    return {
      router: (this.statements.position.get() as number | undefined) ?? 0,
      targets: new Map(rows.map((r) => [r.target_key, r.position])),
    };
  }

  saveSettledPositions(positions: SettledPositions): void {
    // Buffered completions first: a position is saved only after what it covers.
    this.flush();
    this.saveSettledTx(positions);
  }

  due(targetKey: string, now: number, limit: number, exclude: ReadonlySet<number>): OutboxItem[] {
    this.flush();
    const rows = this.statements.due.all(targetKey, now, limit + exclude.size) as OutboxRow[];
    return rows
      .filter((r) => !exclude.has(r.id))
      .slice(0, limit)
      .map(toItem);
  }

  nextDueAt(targetKey: string, now: number): number | undefined {
    this.flush();
    return (this.statements.nextDue.get(targetKey, now) as number | null) ?? undefined;
  }

  private decrement(targetKey: string): void {
    this.counts.set(targetKey, Math.max(0, (this.counts.get(targetKey) ?? 1) - 1));
  }

  complete(item: OutboxItem): void {
    if (!isStored(item)) return;
    this.completions.push(item.id);
    this.decrement(item.targetKey);
    this.schedule();
  }

  reschedule(id: number, attempts: number, dueAt: number): void {
    this.reschedules.push([id, attempts, dueAt]);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.completions.length === 0 && this.reschedules.length === 0) return;
    this.writeBuffered();
    this.completions = [];
    this.reschedules = [];
  }

  deadLetter(item: OutboxItem, l: NewDeadLetter): void {
    this.flush();
    this.db.transaction(() => {
      this.statements.insertLetter.run(
        l.targetKey,
        l.position,
        l.eventId,
        l.body,
        l.ingestedAt,
        l.errorCode,
        l.errorMessage,
        l.exhaustedRetryCondition,
        l.retryAttempts,
        l.ruleArn,
        l.targetArn,
        l.failedAt,
      );
      if (isStored(item)) this.statements.complete.run(item.id);
    })();
    if (isStored(item)) this.decrement(item.targetKey);
  }

  backlog(targetKey: string): number {
    return this.counts.get(targetKey) ?? 0;
  }

  backlogs(): ReadonlyMap<string, number> {
    return this.counts;
  }

  dropTarget(targetKey: string): void {
    this.flush();
    this.statements.drop.run(targetKey);
    this.statements.dropSettled.run(targetKey);
    this.counts.delete(targetKey);
  }

  private where(filter: DeadLetterFilter): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.targetKey !== undefined) {
      clauses.push('target_key = ?');
      params.push(filter.targetKey);
    }
    if (filter.ids) {
      clauses.push(`id IN (${filter.ids.map(() => '?').join(',') || 'NULL'})`);
      params.push(...filter.ids);
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  listDeadLetters(filter: DeadLetterFilter = {}): DeadLetter[] {
    const { sql, params } = this.where(filter);
    const limit = filter.limit ?? 1000;
    return (
      this.db.prepare(`SELECT * FROM dead_letters ${sql} ORDER BY id LIMIT ?`).all(...params, limit) as Array<
        Record<string, unknown>
      >
    ).map(toLetter);
  }

  redrive(filter: DeadLetterFilter, now: number): number {
    const { sql, params } = this.where(filter);
    const limit = filter.limit ?? Number.MAX_SAFE_INTEGER;
    return this.db.transaction(() => {
      const letters = this.db
        .prepare(`SELECT * FROM dead_letters ${sql} ORDER BY id LIMIT ?`)
        .all(...params, limit) as Array<Record<string, unknown>>;
      const remove = this.db.prepare('DELETE FROM dead_letters WHERE id = ?');
      for (const l of letters.map(toLetter)) {
        // A redriven letter whose event is still pending for the target needs no second copy.
        const info = this.statements.insert.run(l.targetKey, l.position, l.eventId, l.body, 0, now, now);
        if (info.changes === 1) this.counts.set(l.targetKey, (this.counts.get(l.targetKey) ?? 0) + 1);
        remove.run(l.id);
      }
      return letters.length;
    })();
  }

  purgeDeadLetters(filter: DeadLetterFilter): number {
    const { sql, params } = this.where(filter);
    return this.db.prepare(`DELETE FROM dead_letters ${sql}`).run(...params).changes;
  }

  close(): void {
    this.flush();
    this.db.close();
  }
}
