import { checkContactEvent, isContactEvent, type ModelIssue } from '../model/index.js';

/** An event ready for the log: its raw text, the form rules match, and its de-duplication key. */
export interface PreparedEvent {
  readonly id: string;
  readonly source: string;
  readonly raw: string;
  readonly canonical: string;
  /** `canonical` as an object. */
  readonly event: object;
}

export type Preparation =
  | { readonly ok: true; readonly event: PreparedEvent }
  | { readonly ok: false; readonly errorCode: string; readonly errorMessage: string };

const MAX_ISSUES_SHOWN = 5;

function describeIssue(issue: ModelIssue): string {
  const detail = [issue.expected && `expected ${issue.expected}`, issue.found && `found ${issue.found}`]
    .filter(Boolean)
    .join(', ');
  return `${issue.path}: ${issue.message}${detail ? ` (${detail})` : ''}`;
}

/**
 * Validates and canonicalizes an Amazon Connect contact event (source `aws.connect`); any other source is
 * a generic event, matched as the completed envelope. `received` is the text as received, when the event
 * came as one JSON text of its own; it is kept as the raw form.
 */
export function prepareEvent(envelope: Record<string, unknown>, received?: string): Preparation {
  const id = String(envelope.id);
  const source = String(envelope.source);
  if (!isContactEvent(envelope)) {
    const canonical = JSON.stringify(envelope);
    return { ok: true, event: { id, source, raw: received ?? canonical, canonical, event: envelope } };
  }
  const raw = received ?? JSON.stringify(envelope);
  const checked = checkContactEvent(envelope);
  if (!checked.ok || !checked.canonical) {
    const shown = checked.errors.slice(0, MAX_ISSUES_SHOWN).map(describeIssue);
    const more = checked.errors.length - shown.length;
    return {
      ok: false,
      errorCode: 'InvalidArgument',
      errorMessage: `Invalid contact event: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    };
  }
  const event = checked.canonical as object;
  return { ok: true, event: { id, source, raw, canonical: JSON.stringify(event), event } };
}
