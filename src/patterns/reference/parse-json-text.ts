import { isExactNumberText } from '../operators/number-precision.js';

/** A number literal written with more precision than a double holds; it keeps its text. */
export class ImpreciseNumber {
  constructor(readonly text: string) {}
}

const TOKEN =
  /\s*(?:("(?:[^"\\]|\\.)*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\],:]))/y;

/**
 * A plain recursive-descent JSON parser for the reference interpreter: like `JSON.parse` (the last of
 * duplicate keys wins), except that imprecise numbers become `ImpreciseNumber`. Throws SyntaxError.
 */
export function parseJsonText(text: string): unknown {
  const tokens = tokenize(text);
  let at = 0;
  const next = (): string => {
    if (at >= tokens.length) throw new SyntaxError('Unexpected end of JSON');
    return tokens[at++];
  };
  const value = (): unknown => {
    const t = next();
    if (t === '{') return object();
    if (t === '[') return array();
    if (t[0] === '"') return JSON.parse(t);
    if (t === 'true' || t === 'false' || t === 'null') return JSON.parse(t);
    if (t === '}' || t === ']' || t === ',' || t === ':') throw new SyntaxError(`Unexpected ${t}`);
    const n = Number(t);
    return isExactNumberText(t, n) ? n : new ImpreciseNumber(t);
  };
  const object = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (tokens[at] === '}') {
      at++;
      return out;
    }
    for (;;) {
      const key = next();
      if (key[0] !== '"') throw new SyntaxError('Expected a key');
      if (next() !== ':') throw new SyntaxError('Expected :');
      Object.defineProperty(out, JSON.parse(key), {
        value: value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      const t = next();
      if (t === '}') return out;
      if (t !== ',') throw new SyntaxError('Expected , or }');
    }
  };
  const array = (): unknown[] => {
    const out: unknown[] = [];
    if (tokens[at] === ']') {
      at++;
      return out;
    }
    for (;;) {
      out.push(value());
      const t = next();
      if (t === ']') return out;
      if (t !== ',') throw new SyntaxError('Expected , or ]');
    }
  };
  const result = value();
  if (at !== tokens.length) throw new SyntaxError('Unexpected data after JSON');
  return result;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (m === null) {
      if (text.slice(start).trim() === '') break;
      throw new SyntaxError(`Unexpected character at ${start}`);
    }
    if (m[1] !== undefined && hasControlCharacter(m[1]))
      throw new SyntaxError(`Control character in string at ${start}`);
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  }
  return tokens;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}
