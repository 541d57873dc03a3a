import { AwsError, constraintError, validationError } from '../server/aws-error.js';

/** The JSON body of an operation: an object, else AWS's SerializationException. */
export type Input = Record<string, unknown>;

export const NAME_PATTERN = /^[.\-_A-Za-z0-9]+$/;

export function asInput(body: unknown): Input {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return body as Input;
}

interface StringRule {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
}

function member(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A string member checked as the service's model declares it, with AWS's messages. */
export function optionalString(input: Input, name: string, rule: StringRule = {}): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new AwsError('SerializationException', `STRING_VALUE can not be converted to ${name}`);
  }
  if (rule.min !== undefined && value.length < rule.min) {
    throw constraintError(
      value,
      member(name),
      `Member must have length greater than or equal to ${rule.min}`,
    );
  }
  if (rule.max !== undefined && value.length > rule.max) {
    throw constraintError(value, member(name), `Member must have length less than or equal to ${rule.max}`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    const shown = rule.pattern.source.replace(/^\^|\$$/g, '');
    throw constraintError(value, member(name), `Member must satisfy regular expression pattern: ${shown}`);
  }
  return value;
}

export function requiredString(input: Input, name: string, rule: StringRule = {}): string {
  const value = optionalString(input, name, rule);
  if (value === undefined) {
    throw constraintError(null, member(name), 'Member must not be null');
  }
  return value;
}

export function optionalInteger(input: Input, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new AwsError('SerializationException', `NUMBER_VALUE can not be converted to ${name}`);
  }
  if (value < min)
    throw constraintError(value, member(name), `Member must have value greater than or equal to ${min}`);
  if (value > max)
    throw constraintError(value, member(name), `Member must have value less than or equal to ${max}`);
  return value;
}

export function requiredArray(input: Input, name: string, min: number, max: number): unknown[] {
  const value = input[name];
  if (value === undefined || value === null)
    throw constraintError(null, member(name), 'Member must not be null');
  if (!Array.isArray(value)) throw new AwsError('SerializationException', `Expected a list for ${name}`);
  if (value.length < min) {
    throw constraintError('[]', member(name), `Member must have length greater than or equal to ${min}`);
  }
  if (value.length > max) {
    throw validationError(
      `1 validation error detected: Value '[${value.length} items]' at '${member(name)}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
  return value;
}

export function optionalObject(input: Input, name: string): Input | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  return asInput(value);
}
