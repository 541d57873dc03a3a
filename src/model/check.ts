import { canonicalizeEnvelope } from './canonical/canonicalize.js';
import { isCanonicalContactEvent } from './canonical/fast-path.js';
import { type CheckResult, describeFound, type ModelIssue, type TextCheckResult } from './issues.js';
import { JsonSyntaxError, parseJson } from './json-text.js';
import { childPath } from './paths.js';
import {
  CONTACT_EVENT_DETAIL_TYPE,
  CONTACT_EVENT_SOURCE,
  type ContactEventEnvelope,
} from './schema/envelope.js';
import { validateCanonical } from './validate.js';

/** Whether an event comes from Amazon Connect (`source` is `aws.connect`), whatever the key casing. */
export function isContactEvent(event: unknown): boolean {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return false;
  const record = event as Record<string, unknown>;
  return (record.source ?? record.Source) === CONTACT_EVENT_SOURCE;
}

/**
 * Compiles the checks now rather than on the first event (they compile on first use, so that commands
 * that never check an event start sooner): a server calls this before it takes requests.
 */
export function prepareContactEventChecks(): void {
  isCanonicalContactEvent(undefined);
  validateCanonical(undefined);
}

/** The canonical form of an event object, without validation; unknown fields and values are warned about. */
export function canonicalizeContactEvent(event: Record<string, unknown>): {
  canonical: ContactEventEnvelope;
  warnings: ModelIssue[];
} {
  const warnings: ModelIssue[] = [];
  return { canonical: canonicalizeEnvelope(event, warnings) as ContactEventEnvelope, warnings };
}

/**
 * Canonicalizes and validates one parsed event, in any key casing and any real variant. Errors make the
 * event invalid; warnings (unknown fields, values outside a documented list) never do.
 *
 * @example
 * const { ok, canonical, errors, warnings } = checkContactEvent(JSON.parse(body));
 * if (ok) console.log(canonical.detail.eventType, canonical.detail.contactId);
 * else for (const e of errors) console.error(e.path, e.message, e.expected, e.found);
 */
export function checkContactEvent(event: unknown): CheckResult {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    const found = event === null ? 'null' : Array.isArray(event) ? 'an array' : typeof event;
    const error: ModelIssue = {
      path: '$',
      message: 'an event must be a JSON object',
      expected: 'object',
      found,
    };
    return { ok: false, errors: [error], warnings: [] };
  }
  if (mayBeCanonical(event) && isCanonicalContactEvent(event)) {
    return { ok: true, canonical: event, errors: [], warnings: [] };
  }
  const warnings: ModelIssue[] = [];
  const canonical = canonicalizeEnvelope(event as Record<string, unknown>, warnings) as ContactEventEnvelope;
  const errors = validateCanonical(canonical);
  if (canonical.source !== CONTACT_EVENT_SOURCE && typeof canonical.source === 'string') {
    warnings.push(unexpected('$.source', CONTACT_EVENT_SOURCE, canonical.source));
  }
  if (
    canonical['detail-type'] !== CONTACT_EVENT_DETAIL_TYPE &&
    typeof canonical['detail-type'] === 'string'
  ) {
    warnings.push(
      unexpected(childPath('$', 'detail-type'), CONTACT_EVENT_DETAIL_TYPE, canonical['detail-type']),
    );
  }
  return { ok: errors.length === 0, canonical, errors, warnings };
}

/**
 * A PascalCase detail cannot be canonical: its first key tells, and spares such events a validation pass
 * that would fail. Only chooses the path; both paths give the same result.
 */
function mayBeCanonical(event: object): boolean {
  const detail = (event as { detail?: unknown }).detail;
  if (detail === null || typeof detail !== 'object') return false;
  for (const key in detail) {
    const first = key.charCodeAt(0);
    return first >= 97 && first <= 122;
  }
  return false;
}

function unexpected(path: string, expected: string, found: string): ModelIssue {
  return {
    path,
    message: 'not the value of an Amazon Connect contact event',
    expected,
    found: describeFound(found),
  };
}

/**
 * Parses and checks raw JSON text, keeping the bytes as received beside the canonical event (store both:
 * the raw text for audit and replay, the canonical event for everything else).
 *
 * @example
 * const result = checkContactEventText(requestBody);
 * store.append({ raw: result.raw, canonical: result.ok ? JSON.stringify(result.canonical) : undefined });
 */
export function checkContactEventText(raw: string): TextCheckResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Parse again only on failure, for the position of the fault.
    return { ok: false, raw, errors: [syntaxIssue(raw)], warnings: [] };
  }
  return { ...checkContactEvent(parsed), raw };
}

function syntaxIssue(raw: string): ModelIssue {
  try {
    parseJson(raw);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      return {
        path: '$',
        message: error.message,
        expected: 'JSON',
        found: `line ${error.line}, column ${error.column}`,
      };
    }
  }
  return { path: '$', message: 'invalid JSON' };
}
