import { type BusIdentity, isDefaultBus } from './arns.js';

/** Entries of PutEvents and events of /ingest must each be under 256 KB. */
export const MAX_ENTRY_BYTES = 256 * 1024;

export type EntryError = { readonly errorCode: string; readonly errorMessage: string };
export type Built =
  | { readonly ok: true; readonly envelope: Record<string, unknown> }
  | ({ readonly ok: false } & EntryError);

const invalid = (member: string, reason: string): Built => ({
  ok: false,
  errorCode: 'InvalidArgument',
  errorMessage: `Parameter ${member} is not valid. Reason: ${reason}`,
});

/** The size AWS counts for an entry: Time (14 bytes), Source, DetailType, Detail and Resources, in UTF-8. */
export function entrySize(entry: Record<string, unknown>): number {
  let size = entry.Time === undefined ? 0 : 14;
  for (const member of ['Source', 'DetailType', 'Detail']) {
    const value = entry[member];
    if (typeof value === 'string') size += Buffer.byteLength(value);
  }
  if (Array.isArray(entry.Resources)) for (const r of entry.Resources) size += Buffer.byteLength(String(r));
  return size;
}

/** ISO 8601 without milliseconds, as EventBridge writes `time`. */
export function eventTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return value * 1000;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function requiredText(entry: Record<string, unknown>, member: string): string | Built {
  const value = entry[member];
  if (value === undefined || value === null || value === '')
    return invalid(member, `${member} is a required argument.`);
  if (typeof value !== 'string') return invalid(member, `${member} must be a string.`);
  return value;
}

/** Builds the event EventBridge would deliver for one PutEvents entry, or the entry's error. */
export function envelopeFromEntry(
  raw: unknown,
  identity: BusIdentity,
  now: number,
  newId: () => string,
  /** `eventTime(now)`, when the caller formats it once for a whole request. */
  nowText?: string,
): Built {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return invalid('Entry', 'an entry must be an object.');
  const entry = raw as Record<string, unknown>;
  if (!isDefaultBus(identity, entry.EventBusName)) {
    return {
      ok: false,
      errorCode: 'NotFound',
      errorMessage: `Event bus ${String(entry.EventBusName)} does not exist.`,
    };
  }
  const source = requiredText(entry, 'Source');
  if (typeof source !== 'string') return source;
  const detailType = requiredText(entry, 'DetailType');
  if (typeof detailType !== 'string') return detailType;
  const detailText = requiredText(entry, 'Detail');
  if (typeof detailText !== 'string') return detailText;
  const size = entrySize(entry);
  if (size >= MAX_ENTRY_BYTES) {
    return invalid('Entry', `the entry is ${size} bytes; an entry must be under ${MAX_ENTRY_BYTES} bytes.`);
  }
  let detail: unknown;
  try {
    detail = JSON.parse(detailText);
  } catch {
    return { ok: false, errorCode: 'MalformedDetail', errorMessage: 'Detail is malformed.' };
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    return { ok: false, errorCode: 'MalformedDetail', errorMessage: 'Detail is malformed.' };
  }
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || !resources.every((r) => typeof r === 'string')) {
    return invalid('Resources', 'Resources must be a list of strings.');
  }
  const time = entry.Time === undefined ? now : parseTime(entry.Time);
  if (time === undefined) return invalid('Time', 'Time must be a timestamp.');
  return {
    ok: true,
    envelope: {
      version: '0',
      id: newId(),
      'detail-type': detailType,
      source,
      account: identity.account,
      time: time === now && nowText !== undefined ? nowText : eventTime(time),
      region: identity.region,
      resources,
      detail,
    },
  };
}

/**
 * Completes an event posted to /ingest (what an API destination sends: the whole envelope). The id is
 * kept, since a producer's retry carries the same id and is stored once.
 */
export function envelopeFromIngest(
  raw: unknown,
  identity: BusIdentity,
  now: number,
  newId: () => string,
): Built {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errorCode: 'InvalidArgument', errorMessage: 'An event must be a JSON object.' };
  }
  const event = raw as Record<string, unknown>;
  for (const member of ['source', 'detail-type']) {
    if (typeof event[member] !== 'string' || event[member] === '') {
      return {
        ok: false,
        errorCode: 'InvalidArgument',
        errorMessage: `The event's "${member}" must be a non-empty string.`,
      };
    }
  }
  const detail = event.detail;
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    return {
      ok: false,
      errorCode: 'MalformedDetail',
      errorMessage: 'The event\'s "detail" must be a JSON object.',
    };
  }
  const size = Buffer.byteLength(JSON.stringify(event));
  if (size >= MAX_ENTRY_BYTES) {
    return {
      ok: false,
      errorCode: 'InvalidArgument',
      errorMessage: `The event is ${size} bytes; an event must be under ${MAX_ENTRY_BYTES} bytes.`,
    };
  }
  if (event.id !== undefined && (typeof event.id !== 'string' || event.id === '')) {
    return {
      ok: false,
      errorCode: 'InvalidArgument',
      errorMessage: 'The event\'s "id" must be a non-empty string.',
    };
  }
  return {
    ok: true,
    envelope: {
      version: '0',
      id: newId(),
      account: identity.account,
      time: eventTime(now),
      region: identity.region,
      resources: [],
      ...event,
    },
  };
}
