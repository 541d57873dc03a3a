import { describe, expect, it } from 'vitest';
import { readEventDocuments } from './event-documents.js';

describe('readEventDocuments', () => {
  it('reads one pretty-printed event, keeping its text', () => {
    const text = '{\n  "id": "a"\n}\n';
    expect(readEventDocuments(text)).toEqual([{ label: 'event', value: { id: 'a' }, raw: text }]);
  });

  it('reads a JSON array as its items', () => {
    expect(readEventDocuments('[{"id":"a"},{"id":"b"}]').map((d) => [d.label, d.value])).toEqual([
      ['item 1', { id: 'a' }],
      ['item 2', { id: 'b' }],
    ]);
  });

  it('reads NDJSON line by line, skipping blank lines, and locates a bad line', () => {
    const docs = readEventDocuments('{"id":"a"}\r\n\n{"id":}\n{"id":"c"}\n');
    expect(docs.map((d) => d.label)).toEqual(['line 1', 'line 3', 'line 4']);
    expect(docs[0].raw).toBe('{"id":"a"}');
    expect(docs[1].error?.line).toBe(3);
    expect(docs[1].error?.column).toBe(7);
    expect(docs[2].value).toEqual({ id: 'c' });
  });

  it('reports a broken multi-line document as one fault with its position', () => {
    const docs = readEventDocuments('{\n  "id": "a",\n}\n');
    expect(docs).toHaveLength(1);
    expect([docs[0].error?.line, docs[0].error?.column]).toEqual([3, 1]);
  });

  it('reads pretty-printed documents one after the other, labelled by their first line', () => {
    const docs = readEventDocuments('{\n  "id": "a"\n}\n{\n  "id": "}{"\n}\n');
    expect(docs.map((d) => [d.label, d.value])).toEqual([
      ['line 1', { id: 'a' }],
      ['line 4', { id: '}{' }],
    ]);
  });

  it('locates a fault in the second of concatenated documents', () => {
    const docs = readEventDocuments('{\n  "id": "a"\n}\n{\n  "id": \n}\n');
    expect(docs[0].value).toEqual({ id: 'a' });
    expect([docs[1].label, docs[1].error?.line, docs[1].error?.column]).toEqual(['line 4', 6, 1]);
  });

  it('reads nothing from blank input', () => {
    expect(readEventDocuments(' \n')).toEqual([]);
  });

  it('reads trailing commas when lenient', () => {
    expect(readEventDocuments('{"id": "a",}', { lenient: true })[0].value).toEqual({ id: 'a' });
  });
});
