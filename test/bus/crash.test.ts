import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { receiver, tempDir } from './helpers.js';
import { type Spawned, spawnServe } from './spawn.js';

const BATCH = 10;
const ACKED_BEFORE_KILL = 150;
const LOADERS = 4;

function config(hookUrl: string): string {
  return [
    'endpoints:',
    '  sink:',
    '    kind: webhook',
    `    url: ${hookUrl}`,
    '    secrets: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw]',
    'rules:',
    '  - Name: load',
    '    EventPattern: { source: [load.test] }',
    '    Targets: [{ Id: sink, Endpoint: sink }]',
  ].join('\n');
}

function batch(n: number) {
  return Array.from({ length: BATCH }, (_, i) => ({
    id: `b${n}-${i}`,
    source: 'load.test',
    'detail-type': 'Load',
    detail: { n, i },
  }));
}

const children: Spawned[] = [];

afterEach(() => {
  // A failed run must not leave a server behind.
  for (const c of children.splice(0))
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
});

describe('kill -9 during sustained ingest', () => {
  it('keeps every acknowledged event, half-stores nothing, and delivers every acknowledged event after restart', async () => {
    const hook = await receiver(() => 200);
    const data = tempDir('ce-crash-');
    const configFile = join(data, 'bus.yaml');
    writeFileSync(configFile, config(hook.url));
    const args = ['--data', join(data, 'state'), '--config', configFile];
    const first = await spawnServe(args);
    children.push(first);

    const acked: number[] = [];
    const sent: number[] = [];
    let next = 0;
    let killed = false;
    const load = async () => {
      while (!killed) {
        const n = next++;
        sent.push(n);
        try {
          const res = await fetch(`${first.url}/ingest`, {
            method: 'POST',
            body: JSON.stringify(batch(n)),
            headers: { 'content-type': 'application/json' },
          });
          if (res.status === 200) acked.push(n);
        } catch {
          return;
        }
        if (acked.length >= ACKED_BEFORE_KILL && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: LOADERS }, load));
    expect(await first.exited).toBe('SIGKILL');

    const second = await spawnServe(args);
    children.push(second);
    const ackedIds = acked.flatMap((n) => batch(n).map((e) => e.id));
    const missing = () => {
      const delivered = new Set(hook.received.map((r) => String(r.headers['webhook-id'])));
      return ackedIds.some((id) => !delivered.has(id));
    };
    while (missing()) await hook.until(hook.received.length + 1);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe('0');
    await hook.close();

    const db = new Database(join(data, 'state', 'events.db'), { readonly: true });
    const stored = new Set(db.prepare('SELECT event_id FROM events').pluck().all() as string[]);
    db.close();
    for (const id of ackedIds) expect(stored.has(id)).toBe(true);
    for (const n of sent) {
      const present = batch(n).filter((e) => stored.has(e.id)).length;
      expect([0, BATCH]).toContain(present);
    }
  }, 120_000);
});
