import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { describeFound, type ModelIssue } from './issues.js';
import { childPath, pointerParts, pointerToPath } from './paths.js';
import type { ContactEventEnvelope } from './schema/envelope.js';
import { ContactEventEnvelopeSchema } from './schema/envelope.js';
import { KNOWN_VALUES_KEYWORD } from './schema/primitives.js';

/**
 * Two generated functions from the one schema: the hot path stops at the first fault, and only an invalid
 * event is validated again to report all of its faults. Lengths count UTF-16 code units (`unicode: false`),
 * as JavaScript and the AWS SDKs do; counting code points costs a loop over every string.
 */
function compile(allErrors: boolean): ValidateFunction<ContactEventEnvelope> {
  const ajv = new Ajv({
    allErrors,
    strict: true,
    unicode: false,
    logger: false,
    keywords: [KNOWN_VALUES_KEYWORD],
  });
  return ajv.compile<ContactEventEnvelope>(ContactEventEnvelopeSchema);
}

/** Compiled on first use: every command loads the model, few check events. */
let isValidEnvelope: ValidateFunction<ContactEventEnvelope> | undefined;
let validateEnvelope: ValidateFunction<ContactEventEnvelope> | undefined;

/** Validates a canonical event against the schema; an empty list means valid. */
export function validateCanonical(event: unknown): ModelIssue[] {
  isValidEnvelope ??= compile(false);
  if (isValidEnvelope(event)) return [];
  validateEnvelope ??= compile(true);
  if (validateEnvelope(event)) return [];
  return (validateEnvelope.errors ?? []).map((error) => toIssue(error, event));
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of pointerParts(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function toIssue(error: ErrorObject, root: unknown): ModelIssue {
  const path = pointerToPath(error.instancePath);
  const found = valueAt(root, error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      return {
        path: childPath(path, key),
        message: 'required field is missing',
        expected: key,
        found: 'nothing',
      };
    }
    case 'maxItems':
      return {
        path: `${path}[${params.limit}]`,
        message: `too many items: at most ${params.limit}`,
        expected: `at most ${params.limit} items`,
        found: `${(found as unknown[]).length} items`,
      };
    case 'minItems':
      return {
        path,
        message: `too few items: at least ${params.limit}`,
        expected: `at least ${params.limit} items`,
        found: `${(found as unknown[]).length} items`,
      };
    case 'maxLength':
    case 'minLength': {
      const bound = error.keyword === 'maxLength' ? 'at most' : 'at least';
      return {
        path,
        message: `length must be ${bound} ${params.limit} characters`,
        expected: `${bound} ${params.limit} characters`,
        found: `${(found as string).length} characters`,
      };
    }
    case 'pattern':
      return {
        path,
        message: 'malformed timestamp',
        expected: "UTC timestamp yyyy-MM-dd'T'HH:mm:ss[.SSS]'Z'",
        found: describeFound(found),
      };
    case 'enum':
      return {
        path,
        message: 'value is not allowed',
        expected: `one of ${(params.allowedValues as unknown[]).map((v) => (typeof v === 'number' ? v.toFixed(1) : JSON.stringify(v))).join(', ')}`,
        found: describeFound(found),
      };
    case 'type':
      return {
        path,
        message: `must be ${params.type}`,
        expected: String(params.type),
        found: describeFound(found),
      };
    case 'minimum':
      return {
        path,
        message: `must be >= ${params.limit}`,
        expected: `a number >= ${params.limit}`,
        found: describeFound(found),
      };
    default:
      return { path, message: error.message ?? error.keyword, found: describeFound(found) };
  }
}
