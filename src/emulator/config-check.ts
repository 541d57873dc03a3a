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

/** A YAML config read against its schema, with every problem named by its path and line. */
export interface ConfigReader<T> {
  /** Parses YAML `text` and checks it; `source` names the file in errors. */
  parse(text: string, source: string): T;
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
  return {
    parse(text, source) {
      const lineCounter = new LineCounter();
      const doc = parseDocument(text, { lineCounter });
      if (doc.errors.length > 0) {
        throw new EmulatorConfigError(`${source}: not valid YAML: ${doc.errors[0].message}`, {
          cause: doc.errors[0],
        });
      }
      const value: unknown = doc.toJS();
      if (value === null || value === undefined) throw new EmulatorConfigError(`${source}: empty document`);
      return check(value, source, { doc, lineCounter });
    },
    check: (value, source) => check(value, source),
  };
}

interface Lines {
  doc: Document;
  lineCounter: LineCounter;
}

/** One line per problem (a union that failed is one problem: its description says what would do). */
function describe(errors: ValueError[], where: Lines | undefined): string {
  const lines = [...new Set(errors.map((e) => describeOne(e, where)))];
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
function display(segments: string[]): string {
  if (segments.length === 0) return '(top level)';
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function line(where: Lines | undefined, segments: string[]): string {
  if (!where) return '';
  const path = segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const node = where.doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  const offset = node?.range?.[0];
  return offset === undefined ? '' : ` (line ${where.lineCounter.linePos(offset).line})`;
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
