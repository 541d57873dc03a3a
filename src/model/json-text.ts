import JSON5 from 'json5';

/** A JSON text that does not parse, with the 1-based line and column of the fault. */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    options?: { cause?: unknown },
  ) {
    super(`${message} at line ${line}, column ${column}`, options);
  }
}

export interface ParseOptions {
  /** Accept JSON5 (trailing commas, comments, unquoted keys), as in documentation samples. */
  lenient?: boolean;
  /** Where `text` starts in a larger document, for positions in NDJSON (1-based). */
  firstLine?: number;
}

/** Parses JSON text; on failure throws a JsonSyntaxError that says where the fault is. */
export function parseJson(text: string, options: ParseOptions = {}): unknown {
  const firstLine = options.firstLine ?? 1;
  try {
    return options.lenient ? JSON5.parse(text) : JSON.parse(text);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const { line, column } = faultPosition(text, message, cause);
    throw new JsonSyntaxError(`invalid JSON: ${reasonOf(message)}`, line + firstLine - 1, column, { cause });
  }
}

/**
 * V8 gives an offset for most faults but not for an unexpected token. JSON5's parser fails on the same
 * fault (JSON5 only adds syntax) and reports its line and column, so it locates the fault then.
 */
function faultPosition(text: string, message: string, cause: unknown): { line: number; column: number } {
  const located = json5Position(cause);
  if (located) return located;
  const at = /at position (\d+)/.exec(message);
  if (at) return lineAndColumn(text, Number(at[1]));
  try {
    JSON5.parse(text);
  } catch (json5Cause) {
    const fromJson5 = json5Position(json5Cause);
    if (fromJson5) return fromJson5;
  }
  return lineAndColumn(text, text.length);
}

function json5Position(error: unknown): { line: number; column: number } | undefined {
  const { lineNumber, columnNumber } = (error ?? {}) as { lineNumber?: number; columnNumber?: number };
  return lineNumber !== undefined && columnNumber !== undefined
    ? { line: lineNumber, column: columnNumber }
    : undefined;
}

function reasonOf(message: string): string {
  return message
    .replace(/^JSON5: /, '')
    .replace(/ at \d+:\d+$/, '')
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/, ".*" is not valid JSON$/s, '');
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
