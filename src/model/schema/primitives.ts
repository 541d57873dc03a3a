import { type TSchema, type TString, type TUnsafe, Type } from '@sinclair/typebox';

/** What Amazon Connect writes into a timestamp field that has not happened yet: it does not mean 1970. */
export const PLACEHOLDER_TIMESTAMP = '1970-01-01T00:00:00.001Z' as const;

/**
 * UTC ISO 8601 as Amazon Connect writes it: `yyyy-MM-ddTHH:mm:ss` with optional fractions and a `Z`.
 * The documented detail format has milliseconds and the envelope `time` whole seconds; both are real.
 */
export const TIMESTAMP_PATTERN =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d{1,9})?Z$';

/** The schema keyword carrying the documented values of an open enumeration (JSON Schema annotation). */
export const KNOWN_VALUES_KEYWORD = 'x-known-values';

/** A UTC timestamp; in the canonical form a placeholder timestamp is removed (see docs/model.md). */
export function Timestamp(description: string): TString {
  return Type.String({ pattern: TIMESTAMP_PATTERN, description });
}

/** A contact identifier: 1-256 characters. */
export function ContactIdentifier(description: string): TString {
  return Type.String({ minLength: 1, maxLength: 256, description });
}

/** An ARN. Documentation samples hold placeholders such as `"arn"`, so only non-emptiness is enforced. */
export function Arn(description: string): TString {
  return Type.String({ minLength: 1, description });
}

/**
 * An open enumeration: the documented values are listed, any other string is accepted (and reported as a
 * warning by the checker) because the real service adds values over time. The static type keeps
 * autocompletion of the documented values while admitting any string.
 */
export function OpenEnum<const V extends readonly string[]>(
  values: V,
  description: string,
): TUnsafe<V[number] | (string & {})> {
  return Type.Unsafe<V[number] | (string & {})>({
    type: 'string',
    minLength: 1,
    description: `${description} Documented values: ${values.join(', ')}; other values are accepted.`,
    [KNOWN_VALUES_KEYWORD]: [...values],
  });
}

/** Objects keep fields the model does not know (they are reported as warnings, never rejected). */
export const OPEN = { additionalProperties: true } as const;

/** A value whose inner shape the model does not describe: kept as is, never warned about. */
export function Opaque(description: string): TSchema {
  return Type.Unknown({ description });
}
