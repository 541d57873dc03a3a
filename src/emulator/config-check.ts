import { type TSchema, Type } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler, type ValueError, ValueErrorType } from '@sinclair/typebox/compiler';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { EmulatorConfigError } from './errors.js';

/** How many problems one error names; a file with more has a first fix to make anyway. */
const SHOWN = 5;

/** Objects of a config file take only the keys their schema names: a misspelt key is an error. */
export const STRICT = { additionalProperties: false } as const;
export const NameSchema = Type.String({ minLength: 1 });
/** The channels the emulator runs. */
export const ChannelSchema = Type.Union([Type.Literal('VOICE'), Type.Literal('CHAT'), Type.Literal('TASK')], {
  description: 'VOICE, CHAT or TASK',
});

/** A key of a config by its path, as YAML nests it: `['arrivals', 0, 'perHour']`. */
export type ConfigPath = readonly (string | number)[];

/**
 * Where a config came from: the name its errors start with and, for YAML text, the document that gives
 * each path its line. What the schema cannot see (a reference to a name declared elsewhere, a cycle) is
 * reported through it, so that every problem of a file reads alike: source, path, what is wrong, line.
 */
export class ConfigOrigin {
  constructor(
    readonly source: string,
    private readonly lines?: Lines,
  ) {}

  /** An error about the value at `path`. */
  error(path: ConfigPath, message: string): EmulatorConfigError {
    return new EmulatorConfigError(`${this.source}: ${display(path)}: ${message}${line(this.lines, path)}`);
  }
}

/** A YAML config read against its schema, with every problem named by its path and line. */
export interface ConfigReader<T> {
  /** Parses YAML `text` and checks it; `source` names the file in errors. */
  parse(text: string, source: string): T;
  /** As {@link parse}, with the origin that later checks report their problems through. */
  read(text: string, source: string): { value: T; origin: ConfigOrigin };
  /** Checks a config given as an object (from code). */
  check(value: unknown, source: string): T;
}

export function configReader<T>(schema: TSchema): ConfigReader<T> {
  // Compiled on first use: every command loads this module, few read a center or a scenario.
  let compiled: TypeCheck<TSchema> | undefined;
  const check = (value: unknown, source: string, where?: Lines): T => {
    compiled ??= TypeCompiler.Compile(schema);
    if (compiled.Check(value)) return value as T;
    throw new EmulatorConfigError(`${source}: ${describe([...compiled.Errors(value)], where)}`);
  };
  const read = (text: string, source: string): { value: T; origin: ConfigOrigin } => {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    if (doc.errors.length > 0) {
      throw new EmulatorConfigError(`${source}: not valid YAML: ${doc.errors[0].message}`, {
        cause: doc.errors[0],
      });
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) throw new EmulatorConfigError(`${source}: empty document`);
    const lines = { doc, lineCounter };
    return { value: check(value, source, lines), origin: new ConfigOrigin(source, lines) };
  };
  return {
    parse: (text, source) => read(text, source).value,
    read,
    check: (value, source) => check(value, source),
  };
}

interface Lines {
  doc: Document;
  lineCounter: LineCounter;
}

/** One line per problem (a union that failed is one problem: its description says what would do). */
function describe(errors: ValueError[], where: Lines | undefined): string {
  // A missing key is also reported as a value of the wrong type (undefined) at its path: one problem.
  const missing = new Set(
    errors.filter((e) => e.type === ValueErrorType.ObjectRequiredProperty).map((e) => e.path),
  );
  const problems = errors.filter(
    (e) => e.type === ValueErrorType.ObjectRequiredProperty || !missing.has(e.path),
  );
  const lines = [...new Set(problems.map((e) => describeOne(e, where)))];
  if (lines.length === 1) return lines[0];
  const more = lines.length > SHOWN ? `\n  and ${lines.length - SHOWN} more` : '';
  return `${lines.length} problems:\n  ${lines.slice(0, SHOWN).join('\n  ')}${more}`;
}

function describeOne(e: ValueError, where: Lines | undefined): string {
  const segments = e.path.split('/').slice(1).map(unescapePointer);
  const parent = segments.slice(0, -1);
  const key = segments[segments.length - 1];
  const schema = e.schema as { description?: string; properties?: Record<string, unknown> };
  switch (e.type) {
    case ValueErrorType.ObjectAdditionalProperties: {
      // The error's schema is the object's; its path, the unknown key's.
      const known = Object.keys(schema.properties ?? {});
      const expected = known.length > 0 ? ` (known keys: ${known.join(', ')})` : '';
      return `${display(parent)}: unknown key "${key}"${expected}${line(where, segments)}`;
    }
    case ValueErrorType.ObjectRequiredProperty:
      return `${display(parent)}: "${key}" is missing${line(where, parent)}`;
    default: {
      const expected = schema.description ? `expected ${schema.description}` : lowerFirst(e.message);
      return `${display(segments)}: ${expected}, not ${shown(e.value)}${line(where, segments)}`;
    }
  }
}

/** `arrivals[0].perHour`: the path as it reads in YAML. */
function display(segments: ConfigPath): string {
  if (segments.length === 0) return '(top level)';
  return segments.map((s, i) => (isIndex(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function line(where: Lines | undefined, segments: ConfigPath): string {
  if (!where) return '';
  const path = segments.map((s) => (isIndex(s) ? Number(s) : s));
  const node = where.doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  const offset = node?.range?.[0];
  return offset === undefined ? '' : ` (line ${where.lineCounter.linePos(offset).line})`;
}

/** A position in a list: JSON pointers give it as digits. */
function isIndex(segment: string | number): boolean {
  return typeof segment === 'number' || /^\d+$/.test(segment);
}

function unescapePointer(s: string): string {
  return s.replaceAll('~1', '/').replaceAll('~0', '~');
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
