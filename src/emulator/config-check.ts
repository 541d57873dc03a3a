import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { KNOWN_VALUES_KEYWORD } from '../model/schema/primitives.js';
import { EmulatorConfigError } from './errors.js';

/** How many problems one error names; a file with more has a first fix to make anyway. */
const SHOWN = 5;

/** A YAML config read against its schema, with every problem named by its path and line. */
export interface ConfigReader<T> {
  /** Parses YAML `text` and checks it; `source` names the file in errors. */
  parse(text: string, source: string): T;
  /** Checks a config given as an object (from code). */
  check(value: unknown, source: string): T;
}

export function configReader<T>(schema: TSchema): ConfigReader<T> {
  // Compiled on first use: every command loads this module, few read a center or a scenario.
  let validate: ValidateFunction<T> | undefined;
  const check = (value: unknown, source: string, where?: Lines): T => {
    validate ??= compile<T>(schema);
    if (validate(value)) return value;
    throw new EmulatorConfigError(`${source}: ${describe(validate.errors ?? [], value, where)}`);
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

function compile<T>(schema: TSchema): ValidateFunction<T> {
  // verbose: each error carries its schema, whose description and known keys make the message.
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    logger: false,
    keywords: [KNOWN_VALUES_KEYWORD],
  });
  return ajv.compile<T>(schema);
}

interface Lines {
  doc: Document;
  lineCounter: LineCounter;
}

/**
 * One line per problem: a union that failed is one problem (its description says what would do), not
 * one per branch.
 */
function describe(errors: ErrorObject[], root: unknown, where: Lines | undefined): string {
  const unions = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  const kept = errors.filter((e) => !unions.some((u) => e.schemaPath.startsWith(u)));
  const lines = [...new Set(kept.map((e) => describeOne(e, root, where)))];
  if (lines.length === 1) return lines[0];
  const more = lines.length > SHOWN ? `\n  and ${lines.length - SHOWN} more` : '';
  return `${lines.length} problems:\n  ${lines.slice(0, SHOWN).join('\n  ')}${more}`;
}

function describeOne(e: ErrorObject, root: unknown, where: Lines | undefined): string {
  const segments = e.instancePath.split('/').slice(1).map(unescapePointer);
  const here = display(segments);
  const at = line(where, segments);
  const params = e.params as Record<string, unknown>;
  const schema = e.parentSchema as { description?: string; properties?: Record<string, unknown> } | undefined;
  const found = shown(valueAt(root, segments));
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(schema?.properties ?? {});
      const expected = known.length > 0 ? ` (known keys: ${known.join(', ')})` : '';
      return `${here}: unknown key "${key}"${expected}${line(where, [...segments, key]) || at}`;
    }
    case 'required':
      return `${here}: "${String(params.missingProperty)}" is missing${at}`;
    case 'anyOf':
      return `${here}: expected ${schema?.description ?? 'one of the allowed forms'}, not ${found}${at}`;
    default:
      return `${here}: ${schema?.description ? `expected ${schema.description}: ` : ''}${e.message}, not ${found}${at}`;
  }
}

/** `arrivals[0].perHour`: the path as it reads in YAML. */
function display(segments: string[]): string {
  if (segments.length === 0) return '(top level)';
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function valueAt(root: unknown, segments: string[]): unknown {
  let node = root;
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node;
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
