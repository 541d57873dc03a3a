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
