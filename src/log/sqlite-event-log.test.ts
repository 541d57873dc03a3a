import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eventLogConformance } from './event-log.case.js';
import { EventLogClosedError } from './event-log.js';
import { SqliteEventLog } from './sqlite-event-log.js';

function sqliteFactory() {
  const file = join(mkdtempSync(join(tmpdir(), 'ce-log-')), 'events.db');
  return {
    open: async () => new SqliteEventLog({ file }),
    reopen: async () => new SqliteEventLog({ file }),
  };
}

eventLogConformance('SqliteEventLog', sqliteFactory);

describe('SqliteEventLog', () => {
  it('refuses appends after close with a named error', async () => {
    const log = await sqliteFactory().open();
    await log.close();
    await expect(log.append([])).rejects.toBeInstanceOf(EventLogClosedError);
  });
});

describe('SqliteEventLog writer thread', () => {
  const entry = (id: string) => ({
    id,
    source: 's',
    raw: `{"id":"${id}"}`,
    canonical: `{"id":"${id}"}`,
    ingestedAt: 1,
  });

  it('when its writer is lost, fails what it held unacknowledged and keeps taking appends', async () => {
    const log = await sqliteFactory().open();
    await log.append([entry('a')]);
    const held = log.append([entry('b')]);
    // The writer is lost while the group is on its way to it or in its hands.
    await new Promise((resolve) => setImmediate(resolve));
    // biome-ignore lint/complexity/useLiteralKeys: the writer is private; the test reaches it on purpose.
    await log['writer'].terminate();
    const outcome = await held.then(
      () => 'acknowledged',
      (error: Error) => error.message,
    );
    const [after] = await log.append([entry('c')]);
    expect(after.duplicate).toBe(false);
    const ids = (await log.read(0, 10)).map((r) => r.id);
    expect(ids[0]).toBe('a');
    expect(ids).toContain('c');
    // Either answer is honest: an acknowledged event is in the log; a failed one says why.
    if (outcome === 'acknowledged') expect(ids).toContain('b');
    else expect(outcome).toMatch(/log writer stopped/);
    await log.close();
  });
});

describe('SqliteEventLog checkpoints', () => {
  /** Waits for a condition another thread brings about; fails after `ms`. */
  async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** `count` entries of about `padLength` characters each, their ids starting with `prefix`. */
  function padded(prefix: string, count: number, padLength: number) {
    const pad = 'p'.repeat(padLength);
    return Array.from({ length: count }, (_, i) => {
      const raw = JSON.stringify({ id: `${prefix}${i}`, pad });
      return { id: `${prefix}${i}`, source: 's', raw, canonical: raw, ingestedAt: 1 };
    });
  }

  /** The checkpointer's thread: private, reached on purpose to stop it. */
  function checkpointThread(log: SqliteEventLog): { terminate(): Promise<number> } | undefined {
    // biome-ignore lint/complexity/useLiteralKeys: the checkpointer is private; the test reaches it on purpose.
    return (log['checkpointer'] as unknown as { thread?: { terminate(): Promise<number> } }).thread;
  }

  it('copies commits into the database on a thread of its own and keeps the WAL bounded', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ce-log-')), 'events.db');
    const mb = 1024 * 1024;
    const log = new SqliteEventLog({ file, checkpoints: { intervalMs: 10, restartBytes: mb } });
    let written = 0;
    try {
      for (let round = 0; round < 20; round++) {
        const entries = padded(`r${round}-`, 100, 5000);
        await log.append(entries);
        written += entries.length * 5000;
        // The writer never checkpoints: only the checkpointer makes the database file grow.
        await until(() => statSync(file).size >= written, `the database to hold ${written} bytes`);
      }
      // 10 MB went through a WAL that starts over once it holds 1 MB.
      expect(statSync(`${file}-wal`).size).toBeLessThan(3 * mb);
      const records = await log.read(0, 5000);
      expect(records).toHaveLength(2000);
      expect(records.at(-1)?.id).toBe('r19-99');
      expect(log.stats().checkpointFailures).toBe(0);
    } finally {
      await log.close();
    }
  });

  it('starts its checkpointer again when the thread stops, and closes while it is down', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ce-log-')), 'events.db');
    const log = new SqliteEventLog({ file, checkpoints: { intervalMs: 10 } });
    try {
      await until(() => checkpointThread(log) !== undefined, 'the checkpointer to start');
      await checkpointThread(log)?.terminate();
      await until(() => log.stats().checkpointFailures === 1, 'the stop to be counted');
      await until(() => checkpointThread(log) !== undefined, 'the checkpointer to start again');
      await log.append(padded('c', 100, 4000));
      await until(() => statSync(file).size >= 100 * 4000, 'the new checkpointer to copy the WAL');
    } finally {
      await log.close();
    }
    const down = new SqliteEventLog({ file: `${file}-2` });
    await until(() => checkpointThread(down) !== undefined, 'the second checkpointer to start');
    await checkpointThread(down)?.terminate();
    await until(() => checkpointThread(down) === undefined, 'the second checkpointer to be seen stopped');
    await down.close();
  });

  it('keeps committing while another connection reads an old snapshot, and catches up once it is done', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ce-log-')), 'events.db');
    const log = new SqliteEventLog({ file, checkpoints: { intervalMs: 10, restartBytes: 256 * 1024 } });
    const reader = new Database(file);
    const batch = (round: number) => padded(`o${round}-`, 50, 4000);
    try {
      await log.append(batch(0));
      // A long read: its snapshot keeps the WAL from starting over, and a RESTART from finishing.
      reader.exec('BEGIN');
      expect(reader.prepare('SELECT count(*) FROM events').pluck().get()).toBe(50);
      for (let round = 1; round <= 10; round++) await log.append(batch(round));
      expect(reader.prepare('SELECT count(*) FROM events').pluck().get()).toBe(50);
      reader.exec('COMMIT');
      await until(() => statSync(file).size >= 11 * 50 * 4000, 'the checkpoints to catch up');
      expect((await log.read(0, 1000)).length).toBe(550);
    } finally {
      reader.close();
      await log.close();
    }
  });
});
