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

  it('copies commits into the database on a thread of its own and keeps the WAL bounded', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ce-log-')), 'events.db');
    const mb = 1024 * 1024;
    const log = new SqliteEventLog({ file, checkpoints: { intervalMs: 10, restartBytes: mb } });
    const pad = 'p'.repeat(5000);
    let written = 0;
    try {
      for (let round = 0; round < 20; round++) {
        const entries = Array.from({ length: 100 }, (_, i) => {
          const raw = JSON.stringify({ id: `r${round}-${i}`, pad });
          return { id: `r${round}-${i}`, source: 's', raw, canonical: raw, ingestedAt: 1 };
        });
        await log.append(entries);
        written += entries.length * pad.length;
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
    // biome-ignore lint/complexity/useLiteralKeys: the checkpointer is private; the test reaches it on purpose.
    const checkpointer = log['checkpointer'] as unknown as { thread?: { terminate(): Promise<number> } };
    try {
      await until(() => checkpointer.thread !== undefined, 'the checkpointer to start');
      await checkpointer.thread?.terminate();
      await until(() => log.stats().checkpointFailures === 1, 'the stop to be counted');
      await until(() => checkpointer.thread !== undefined, 'the checkpointer to start again');
      const pad = 'q'.repeat(4000);
      const entries = Array.from({ length: 100 }, (_, i) => {
        const raw = JSON.stringify({ id: `c${i}`, pad });
        return { id: `c${i}`, source: 's', raw, canonical: raw, ingestedAt: 1 };
      });
      await log.append(entries);
      await until(() => statSync(file).size >= 100 * pad.length, 'the new checkpointer to copy the WAL');
    } finally {
      await log.close();
    }
    const down = new SqliteEventLog({ file: `${file}-2` });
    // biome-ignore lint/complexity/useLiteralKeys: as above.
    const second = down['checkpointer'] as unknown as { thread?: { terminate(): Promise<number> } };
    await until(() => second.thread !== undefined, 'the second checkpointer to start');
    await second.thread?.terminate();
    await until(() => second.thread === undefined, 'the second checkpointer to be seen stopped');
    await down.close();
  });

  it('keeps committing while another connection reads an old snapshot, and catches up once it is done', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ce-log-')), 'events.db');
    const log = new SqliteEventLog({ file, checkpoints: { intervalMs: 10, restartBytes: 256 * 1024 } });
    const reader = new Database(file);
    const pad = 'r'.repeat(4000);
    const batch = (round: number) =>
      Array.from({ length: 50 }, (_, i) => {
        const raw = JSON.stringify({ id: `o${round}-${i}`, pad });
        return { id: `o${round}-${i}`, source: 's', raw, canonical: raw, ingestedAt: 1 };
      });
    try {
      await log.append(batch(0));
      // A long read: its snapshot keeps the WAL from starting over, and a RESTART from finishing.
      reader.exec('BEGIN');
      expect(reader.prepare('SELECT count(*) FROM events').pluck().get()).toBe(50);
      for (let round = 1; round <= 10; round++) await log.append(batch(round));
      expect(reader.prepare('SELECT count(*) FROM events').pluck().get()).toBe(50);
      reader.exec('COMMIT');
      await until(() => statSync(file).size >= 11 * 50 * pad.length, 'the checkpoints to catch up');
      expect((await log.read(0, 1000)).length).toBe(550);
    } finally {
      reader.close();
      await log.close();
    }
  });
});
