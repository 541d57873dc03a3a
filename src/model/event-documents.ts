import { JsonSyntaxError, parseJson } from './json-text.js';

/** One event found in a text, or the syntax fault that stands in its place. */
export interface EventDocument {
  /** Where it was found, for messages: `event`, `item 3` (JSON array) or `line 7` (NDJSON). */
  label: string;
  /** The parsed value; absent when `error` is set. */
  value?: unknown;
  /** The text of the event exactly as read, when it had its own text (a whole document or an NDJSON line). */
  raw?: string;
  error?: JsonSyntaxError;
}

export interface ReadOptions {
  /** Accept JSON5 (trailing commas, comments), as in documentation samples. */
  lenient?: boolean;
}

/**
 * Splits a text holding one JSON event, a JSON array of events, NDJSON (one event per line), or JSON
 * documents one after the other (pretty-printed events concatenated, as `cat *.json` gives). A text that
 * is not one JSON document is read as NDJSON when its first line is a JSON document on its own; otherwise
 * as concatenated documents when it holds more than one; otherwise its syntax fault is reported with line
 * and column.
 */
export function readEventDocuments(text: string, options: ReadOptions = {}): EventDocument[] {
  if (text.trim() === '') return [];
  try {
    const value = parseJson(text, options);
    if (Array.isArray(value)) return value.map((item, i) => ({ label: `item ${i + 1}`, value: item }));
    return [{ label: 'event', value, raw: text }];
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const lines = text.split('\n');
    if (looksLikeNdjson(lines, options)) return readLines(lines, options);
    const chunks = splitConcatenated(text);
    if (chunks.length < 2) return [{ label: 'event', raw: text, error }];
    return chunks.map((chunk) => readChunk(chunk, options));
  }
}

function looksLikeNdjson(lines: string[], options: ReadOptions): boolean {
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1 || lines.slice(first + 1).every((line) => line.trim() === '')) return false;
  try {
    parseJson(lines[first], options);
    return true;
  } catch {
    return false;
  }
}

function readLines(lines: string[], options: ReadOptions): EventDocument[] {
  const documents: EventDocument[] = [];
  lines.forEach((line, i) => {
    const raw = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (raw.trim() === '') return;
    const label = `line ${i + 1}`;
    try {
      documents.push({ label, value: parseJson(raw, { ...options, firstLine: i + 1 }), raw });
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      documents.push({ label, raw, error });
    }
  });
  return documents;
}

interface Chunk {
  text: string;
  /** 1-based line where the chunk starts in the whole text. */
  line: number;
}

function readChunk(chunk: Chunk, options: ReadOptions): EventDocument {
  const label = `line ${chunk.line}`;
  try {
    return { label, value: parseJson(chunk.text, { ...options, firstLine: chunk.line }), raw: chunk.text };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { label, raw: chunk.text, error };
  }
}

/**
 * Cuts a text into top-level JSON objects and arrays by bracket depth, skipping strings. What is left
 * after the last complete document (a truncated one, stray text) becomes a chunk of its own, so that its
 * fault is reported where it is.
 */
export function splitConcatenated(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let line = 1;
  let start = -1;
  let startLine = 1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (start === -1) {
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
      start = i;
      startLine = line;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) {
      chunks.push({ text: text.slice(start, i + 1), line: startLine });
      start = -1;
    }
  }
  if (start !== -1) chunks.push({ text: text.slice(start), line: startLine });
  return chunks;
}
