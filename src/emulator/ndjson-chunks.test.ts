import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, NdjsonChunks } from './ndjson-chunks.js';

type Op =
  | { kind: 'ascii'; text: string; repeatAfter?: Uint8Array }
  | { kind: 'bytes'; size: number }
  | { kind: 'quoted'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'byte'; code: number }
  | { kind: 'endLine' }
  | { kind: 'take' };

const asciiText = fc.string({ unit: fc.constantFrom(...'0123456789abcdef-:.TZ'), maxLength: 40 });

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('ascii' as const), text: asciiText }),
  fc.record({
    kind: fc.constant('ascii' as const),
    text: asciiText,
    // Bytes written between the text and its copy, sometimes more than a buffer holds.
    repeatAfter: fc
      .oneof(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 2 * CHUNK_BYTES - 200, max: 2 * CHUNK_BYTES + 200 }),
      )
      .map((n) => new Uint8Array(n).fill(120)),
  }),
  fc.record({
    kind: fc.constant('bytes' as const),
    size: fc.oneof(
      fc.integer({ min: 0, max: 200 }),
      fc.integer({ min: CHUNK_BYTES - 100, max: 3 * CHUNK_BYTES }),
    ),
  }),
  fc.record({ kind: fc.constant('quoted' as const), text: asciiText }),
  fc.record({
    kind: fc.constant('number' as const),
    value: fc.oneof(fc.nat(), fc.double({ noNaN: false }), fc.integer({ min: -1000, max: 1000 })),
  }),
  fc.record({ kind: fc.constant('byte' as const), code: fc.integer({ min: 32, max: 126 }) }),
  fc.constant({ kind: 'endLine' as const }),
  fc.constant({ kind: 'take' as const }),
);

describe('NdjsonChunks', () => {
  it('hands back, in order, exactly the bytes written, whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const out = new NdjsonChunks();
        const expected: Buffer[] = [];
        const got: Buffer[] = [];
        const takeAll = (): void => {
          const chunks = out.take();
          for (const c of chunks) got.push(Buffer.from(c));
          out.recycle(chunks);
        };
        for (const o of ops) {
          switch (o.kind) {
            case 'ascii': {
              const at = out.ascii(o.text);
              const seals = out.seals;
              expected.push(Buffer.from(o.text, 'latin1'));
              if (o.repeatAfter) {
                out.bytes(o.repeatAfter);
                out.again(at, seals, o.text);
                expected.push(Buffer.from(o.repeatAfter), Buffer.from(o.text, 'latin1'));
              }
              break;
            }
            case 'bytes': {
              const b = Buffer.alloc(o.size, 65 + (o.size % 26));
              out.bytes(b);
              expected.push(b);
              break;
            }
            case 'quoted':
              out.quoted(o.text);
              expected.push(Buffer.from(`${o.text}"`, 'latin1'));
              break;
            case 'number':
              out.number(o.value);
              expected.push(Buffer.from(JSON.stringify(o.value)));
              break;
            case 'byte':
              out.byte(o.code);
              expected.push(Buffer.from([o.code]));
              break;
            case 'endLine':
              out.endLine();
              break;
            case 'take':
              takeAll();
              break;
          }
        }
        takeAll();
        expect(Buffer.concat(got).equals(Buffer.concat(expected))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
