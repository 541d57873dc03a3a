import type { ContactEventEnvelope } from './schema/envelope.js';

/** One finding about an event. `path` is a JSONPath into the canonical event, e.g. `$.detail.channel`. */
export interface ModelIssue {
  path: string;
  message: string;
  expected?: string;
  found?: string;
}

/** The outcome of checking one event: `ok` is false when there is at least one error. */
export interface CheckResult {
  ok: boolean;
  /** The canonical event: present whenever the input was an object, even when it has errors. */
  canonical?: ContactEventEnvelope;
  errors: ModelIssue[];
  warnings: ModelIssue[];
}

/** A check of raw text: the bytes as received are kept beside the canonical event for audit and replay. */
export interface TextCheckResult extends CheckResult {
  raw: string;
}

/** Renders a value found in an event for a message: short, one line. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
