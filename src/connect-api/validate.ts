import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type ValueError, ValueErrorType } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { invalidParameter } from './errors.js';

/** Checks a request part against its schema; throws InvalidParameterException naming each bad member. */
export type Validator<T> = (value: unknown) => T;

/**
 * Compiles `schema` once. With `coerce`, text from a path or query string is converted first (`"10"` to
 * 10, a single `?k=v` to a one-item list), as the service reads those parts.
 */
export function validator<T extends TSchema>(
  schema: T,
  options: { coerce?: boolean } = {},
): Validator<Static<T>> {
  const compiled = TypeCompiler.Compile(schema);
  return (value) => {
    const input = options.coerce ? convert(schema, value) : value;
    if (compiled.Check(input)) return input;
    throw invalidParameter(describeErrors(compiled.Errors(input)));
  };
}

/**
 * Text to the schema's types. TypeBox turns `"1.5"` into 1 for an integer member; the service refuses
 * such a value, so the text is kept and the check names it.
 */
function convert(schema: TSchema, value: unknown): unknown {
  // Convert may change the object in place: the texts are read first.
  const texts = isRecord(value) ? Object.entries(value) : [];
  const out = Value.Convert(schema, value);
  if (isRecord(out)) {
    for (const [key, text] of texts) {
      if (typeof text === 'string' && typeof out[key] === 'number' && !Number.isInteger(Number(text)))
        out[key] = text;
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** AWS's wording: `1 validation error detected: Value null at 'Name' failed to satisfy constraint: ...`. */
function describeErrors(errors: Iterable<ValueError>): string {
  const byPath = new Map<string, ValueError>();
  for (const e of errors) if (!byPath.has(e.path)) byPath.set(e.path, e);
  const parts = [...byPath.values()].slice(0, 10).map(describeOne);
  const n = byPath.size;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

function describeOne(e: ValueError): string {
  const member = e.path.replace(/^\//, '').replaceAll('/', '.') || '(body)';
  if (e.type === ValueErrorType.ObjectRequiredProperty) {
    return `Value null at '${member}' failed to satisfy constraint: Member must not be null`;
  }
  return `Value ${show(e.value)} at '${member}' failed to satisfy constraint: ${e.message}`;
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const shown = text === undefined ? 'null' : text.length > 100 ? `${text.slice(0, 100)}...` : text;
  return `'${shown}'`;
}
