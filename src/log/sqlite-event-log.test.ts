import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
