import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY } from './arns.js';
import { entrySize, envelopeFromEntry, envelopeFromIngest, eventTime, MAX_ENTRY_BYTES } from './envelope.js';

const now = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const build = (entry: unknown) => envelopeFromEntry(entry, DEFAULT_IDENTITY, now, () => 'id-1');

describe('PutEvents entries', () => {
  it('become the event EventBridge delivers', () => {
    const built = build({ Source: 'my.app', DetailType: 'Order', Detail: '{"n":1}', Resources: ['arn:x'] });
    expect(built).toEqual({
      ok: true,
      envelope: {
        version: '0',
        id: 'id-1',
        'detail-type': 'Order',
        source: 'my.app',
        account: '123456789012',
        time: '2026-01-02T03:04:05Z',
        region: 'us-east-1',
        resources: ['arn:x'],
        detail: { n: 1 },
      },
    });
  });

  it('take Time as epoch seconds (the JSON 1.1 encoding) or ISO text', () => {
    const seconds = build({ Source: 's', DetailType: 'd', Detail: '{}', Time: 1_700_000_000 });
    const text = build({ Source: 's', DetailType: 'd', Detail: '{}', Time: '2023-11-14T22:13:20Z' });
    expect(seconds.ok && seconds.envelope.time).toBe('2023-11-14T22:13:20Z');
    expect(text.ok && text.envelope.time).toBe('2023-11-14T22:13:20Z');
  });

  it('fail one by one with the error codes of the service', () => {
    expect(build({ DetailType: 'd', Detail: '{}' })).toMatchObject({
      ok: false,
      errorCode: 'InvalidArgument',
    });
    expect(build({ Source: 's', DetailType: 'd', Detail: '[1]' })).toMatchObject({
      errorCode: 'MalformedDetail',
    });
    expect(build({ Source: 's', DetailType: 'd', Detail: '{' })).toMatchObject({
      errorCode: 'MalformedDetail',
    });
    expect(build({ Source: 's', DetailType: 'd', Detail: '{}', EventBusName: 'other' })).toMatchObject({
      errorCode: 'NotFound',
    });
    const big = { Source: 's', DetailType: 'd', Detail: JSON.stringify({ x: 'y'.repeat(MAX_ENTRY_BYTES) }) };
    expect(build(big)).toMatchObject({ ok: false, errorCode: 'InvalidArgument' });
  });

  it('count size as AWS does, in UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (source, type, detail) => {
        const size = entrySize({ Source: source, DetailType: type, Detail: detail, Time: 1 });
        expect(size).toBe(
          14 + Buffer.byteLength(source) + Buffer.byteLength(type) + Buffer.byteLength(detail),
        );
      }),
    );
  });
});

describe('/ingest events', () => {
  it('keep their id and members and get the missing ones', () => {
    const built = envelopeFromIngest(
      { id: 'given', source: 's', 'detail-type': 'd', detail: {} },
      DEFAULT_IDENTITY,
      now,
      () => 'new',
    );
    expect(built).toMatchObject({
      ok: true,
      envelope: { id: 'given', version: '0', time: eventTime(now), resources: [] },
    });
    const fresh = envelopeFromIngest(
      { source: 's', 'detail-type': 'd', detail: {} },
      DEFAULT_IDENTITY,
      now,
      () => 'new',
    );
    expect(fresh.ok && fresh.envelope.id).toBe('new');
  });

  it('are refused without source, detail-type or an object detail', () => {
    const ingest = (e: unknown) => envelopeFromIngest(e, DEFAULT_IDENTITY, now, () => 'x');
    expect(ingest({ 'detail-type': 'd', detail: {} }).ok).toBe(false);
    expect(ingest({ source: 's', detail: {} }).ok).toBe(false);
    expect(ingest({ source: 's', 'detail-type': 'd', detail: 'x' })).toMatchObject({
      errorCode: 'MalformedDetail',
    });
    expect(ingest([1]).ok).toBe(false);
  });
});
