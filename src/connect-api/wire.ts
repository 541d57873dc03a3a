import { invalidParameter } from './errors.js';

/**
 * Conversions between the wire form of Amazon Connect's REST-JSON protocol (PascalCase members,
 * timestamps as epoch seconds) and the emulator's (camelCase, milliseconds, Dates).
 */

/** A request timestamp (epoch seconds from the SDK, or ISO 8601 text) in epoch milliseconds. */
export function timestampMs(value: number | string, member: string): number {
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) throw invalidParameter(`${member} is not a valid timestamp: ${String(value)}`);
  return ms;
}

/** Lower-cases the first letter of every key, recursively: `AttributeCondition` -> `attributeCondition`. */
export function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k.charAt(0).toLowerCase() + k.slice(1)] = camelKeys(v);
  return out;
}

/** Segment attributes keep their keys (`connect:Subtype`); only the value objects change case. */
export function segmentAttributes<T>(input: Record<string, unknown> | undefined): T | undefined {
  if (!input) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) out[k] = camelKeys(v);
  return out as T;
}

/** A response body: Dates become epoch seconds and undefined members are left out. */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
  return out;
}

export interface PageQuery {
  maxResults?: number;
  nextToken?: string;
}

/** One page of a List* result and the token of the next, as the service pages (default 100 per page). */
export function page<T>(items: readonly T[], query: PageQuery): { items: T[]; NextToken?: string } {
  const start = query.nextToken === undefined ? 0 : decodeToken(query.nextToken);
  const size = query.maxResults ?? 100;
  const end = start + size;
  const result: { items: T[]; NextToken?: string } = { items: items.slice(start, end) };
  if (end < items.length)
    result.NextToken = Buffer.from(JSON.stringify({ offset: end })).toString('base64url');
  return result;
}

function decodeToken(token: string): number {
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown })
      .offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the error below
  }
  throw invalidParameter(`nextToken is not a token this service issued: ${token}`);
}
