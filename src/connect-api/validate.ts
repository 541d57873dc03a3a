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
    const input = options.coerce ? Value.Convert(schema, value) : value;
    if (compiled.Check(input)) return input;
    throw invalidParameter(describeErrors(compiled.Errors(input)));
  };
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
