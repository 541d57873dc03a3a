/**
 * The NDJSON writer alone, apart from the state machine and the run: the contacts in progress at 09:20 of
 * the bench's day (about 7,000), each written over and over as the event of its state, into reused chunks.
 * Beside it, what the same lines cost the plain way (`contactDetail`, the envelope, `JSON.stringify`, then
 * UTF-8). A steady loop over the same contacts: its figures move far less between runs than a whole day's.
 * `--contacts N` writes only the first N of them: the same work on a working set that stays in the cores' caches.
 * `tsx bench/emulator-writer.ts [--rounds N] [--contacts N]`
 */
import type { Contact } from '../src/emulator/contact.js';
import { contactDetail } from '../src/emulator/event-detail.js';
import { EventJsonWriter } from '../src/emulator/event-json.js';
import type { EventType } from '../src/emulator/event-types.js';
import { Center, prepareScenario } from '../src/emulator/index.js';
import { Rng, uuidFrom } from '../src/emulator/rng.js';
import { benchCenter, benchScenario } from './emulator-center.js';
import { stringifyMicros } from './yardstick.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const rounds = arg('rounds', 60);

const yardstick = stringifyMicros();
const center = new Center(benchCenter(10_000));
const startMs = Date.UTC(2026, 0, 5, 9);
const { emulator, traffic } = prepareScenario({
  scenario: { ...benchScenario(10_000), start: new Date(startMs).toISOString() },
  center,
  startMs,
  retainFinished: 0,
});
traffic.start();
emulator.clock.runUntil(startMs + 20 * 60_000);
emulator.takeEvents();

/** The event a contact in this state would emit next to be in it (what its events carry). */
const EVENT_OF: Record<Contact['state'], EventType> = {
  SCHEDULED: 'INITIATED',
  DIALING: 'INITIATED',
  IN_FLOW: 'INITIATED',
  QUEUED: 'QUEUED',
  OFFERED: 'QUEUED',
  CONNECTED: 'CONNECTED_TO_AGENT',
  ACW: 'DISCONNECTED',
  ENDED: 'COMPLETED',
};
const contacts = [...emulator.liveContacts()].slice(0, arg('contacts', Number.POSITIVE_INFINITY));
const types = contacts.map((c) => EVENT_OF[c.state]);
const time = '2026-01-05T09:20:00Z';

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Nanoseconds per event of each round, and the bytes of one round. */
function measure(writeAll: () => number): { ns: number[]; bytes: number } {
  const ns: number[] = [];
  let bytes = 0;
  for (let r = 0; r < rounds; r++) {
    const t = process.hrtime.bigint();
    bytes = writeAll();
    ns.push(Number(process.hrtime.bigint() - t) / contacts.length);
  }
  return { ns, bytes };
}

const writer = new EventJsonWriter(center);
const ids = new Rng(5);
const direct = measure(() => {
  let bytes = 0;
  const out = writer.out;
  for (let k = 0; k < contacts.length; k++) {
    writer.write(contacts[k], types[k], undefined, ids, time);
    out.endLine();
    if ((k & 1023) === 1023) {
      const chunks = out.take();
      for (const c of chunks) bytes += c.length;
      out.recycle(chunks);
    }
  }
  const chunks = out.take();
  for (const c of chunks) bytes += c.length;
  out.recycle(chunks);
  return bytes;
});

const plain = measure(() => {
  let bytes = 0;
  for (let k = 0; k < contacts.length; k++) {
    const c = contacts[k];
    const line = JSON.stringify({
      version: '0',
      id: uuidFrom(ids),
      'detail-type': 'Amazon Connect Contact Event',
      source: 'aws.connect',
      account: center.account,
      time,
      region: center.region,
      resources: c.resources,
      detail: contactDetail(c, center.instanceArn, types[k], undefined),
    });
    bytes += Buffer.byteLength(line) + 1;
  }
  return bytes;
});

const report = (m: { ns: number[]; bytes: number }) => ({
  nsPerEventMin: Math.round(Math.min(...m.ns)),
  nsPerEventMedian: Math.round(median(m.ns)),
  bytesPerEvent: Math.round(m.bytes / contacts.length),
  mbPerSecond: Math.round(m.bytes / contacts.length / (median(m.ns) / 1000)),
});
console.log(
  JSON.stringify(
    {
      contacts: contacts.length,
      rounds,
      writer: report(direct),
      jsonStringify: report(plain),
      stringifyMicrosPerEvent: Number(yardstick.toFixed(2)),
      node: process.version,
    },
    null,
    2,
  ),
);
