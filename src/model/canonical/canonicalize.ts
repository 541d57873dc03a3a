import type { ModelIssue } from '../issues.js';
import { describeFound } from '../issues.js';
import { childPath } from '../paths.js';
import { ContactEventEnvelopeSchema } from '../schema/envelope.js';
import { PLACEHOLDER_TIMESTAMP } from '../schema/primitives.js';
import { buildObjectPlan, type FieldPlan, type ObjectPlan, type ValuePlan } from './plan.js';

/** Envelope spellings seen outside EventBridge's own (`PutEvents` entries, SDK objects). */
const ENVELOPE_ALIASES = { 'detail-type': ['detailType', 'DetailType', 'Detail-Type'] } as const;

const ENVELOPE_PLAN: ObjectPlan = buildObjectPlan(ContactEventEnvelopeSchema, ENVELOPE_ALIASES);

/** A local copy: a module binding read in the hot loop may go through a getter once transpiled. */
const PLACEHOLDER: string = PLACEHOLDER_TIMESTAMP;

/** Marks a value the canonical form leaves out (a placeholder timestamp, an empty list of criteria). */
const OMIT: unique symbol = Symbol('omit');
type Canonical = unknown | typeof OMIT;
type Json = Record<string, unknown>;

/**
 * Produces the canonical form of an event in one pass and collects warnings (unknown fields, unknown enum
 * values, collapsed lists). Copy-on-write: a part already in canonical form is returned as is, without
 * allocating; a new object is built only where something changes, and the input is left untouched.
 */
export function canonicalizeEnvelope(event: Json, warnings: ModelIssue[]): unknown {
  return canonicalObject(event, ENVELOPE_PLAN, '$', warnings);
}

function lookup(plan: ObjectPlan, key: string): FieldPlan | undefined {
  return plan.byKey.get(key) ?? plan.byLower.get(key.toLowerCase());
}

/** The first keys of `input`, up to `stop`, copied into a new object (for-in order is insertion order). */
function copyBefore(input: Json, stop: string): Json {
  const out: Json = {};
  for (const key in input) {
    if (key === stop) break;
    put(out, key, input[key]);
  }
  return out;
}

/** JSON.parse makes `__proto__` an own field; a plain assignment would change the copy's prototype instead. */
function put(out: Json, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function canonicalObject(input: Json, plan: ObjectPlan, path: string, warnings: ModelIssue[]): Json {
  let out: Json | undefined;
  for (const key in input) {
    const value = input[key];
    const field = lookup(plan, key);
    let canonicalKey: string;
    let canonicalValue: Canonical;
    if (field === undefined) {
      canonicalKey = unknownFieldKey(key);
      canonicalValue = value;
      warnings.push({
        path: childPath(path, canonicalKey),
        message: 'unknown field, kept as is',
        found: key,
      });
    } else {
      canonicalKey = field.key;
      const valuePlan = field.value;
      canonicalValue =
        valuePlan.kind === 'leaf' ? value : canonicalValueOf(value, valuePlan, path, field.segment, warnings);
    }
    if (out === undefined) {
      if (canonicalKey === key && canonicalValue === value) continue;
      out = copyBefore(input, key);
    }
    if (canonicalValue === OMIT) continue;
    if (out[canonicalKey] !== undefined && Object.hasOwn(out, canonicalKey)) {
      warnings.push({
        path: childPath(path, canonicalKey),
        message: 'field given twice in different casings; the last one is kept',
        found: key,
      });
    }
    put(out, canonicalKey, canonicalValue);
  }
  return out ?? input;
}

/** `segment` is the JSONPath step from `parent` to the value; paths are only joined when needed. */
function canonicalValueOf(
  value: unknown,
  plan: ValuePlan,
  parent: string,
  segment: string,
  warnings: ModelIssue[],
): Canonical {
  switch (plan.kind) {
    case 'leaf':
      return value;
    case 'timestamp':
      return value === PLACEHOLDER ? OMIT : value;
    case 'enum':
      if (typeof value !== 'string' || plan.known.has(value)) return value;
      return canonicalEnum(value, plan.expected, plan.byUpper, parent + segment, warnings);
    case 'object':
      return canonicalNested(value, plan.plan, parent + segment, warnings);
    case 'array':
      return canonicalArray(value, plan.item, parent + segment, warnings);
    case 'map':
      return canonicalMap(value, plan.value, parent + segment, warnings);
  }
}

function canonicalEnum(
  value: string,
  expected: string,
  byUpper: ReadonlyMap<string, string>,
  path: string,
  warnings: ModelIssue[],
): string {
  const spelled = byUpper.get(value.toUpperCase());
  if (spelled !== undefined) return spelled;
  warnings.push({
    path,
    message: 'value not in the documented list, kept as is',
    expected,
    found: describeFound(value),
  });
  return value;
}

function canonicalNested(value: unknown, plan: ObjectPlan, path: string, warnings: ModelIssue[]): Canonical {
  if (Array.isArray(value)) return collapseList(value, plan, path, warnings);
  if (value === null || typeof value !== 'object') return value;
  return canonicalObject(value as Json, plan, path, warnings);
}

/**
 * Some producers send an object field as a list of its successive versions (`RoutingCriteria: [ ... ]`).
 * The canonical form keeps the current one: the greatest `index`, or the last when none has an index.
 */
function collapseList(list: unknown[], plan: ObjectPlan, path: string, warnings: ModelIssue[]): Canonical {
  if (list.length === 0) return OMIT;
  let chosen = list.length - 1;
  let best = -1;
  list.forEach((item, position) => {
    const index = indexOf(item);
    if (index !== undefined && index >= best) {
      best = index;
      chosen = position;
    }
  });
  if (list.length > 1) {
    warnings.push({
      path,
      message: `a list of ${list.length} versions; the canonical form keeps item ${chosen}, the raw event keeps all`,
      found: `an array of ${list.length} items`,
    });
  }
  return canonicalNested(list[chosen], plan, path, warnings);
}

function indexOf(item: unknown): number | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const record = item as Json;
  const index = record.index ?? record.Index;
  return typeof index === 'number' ? index : undefined;
}

function canonicalArray(value: unknown, item: ValuePlan, path: string, warnings: ModelIssue[]): unknown {
  if (!Array.isArray(value)) return value;
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const element = value[i];
    const canonical = canonicalValueOf(element, item, path, indexSegment(i), warnings);
    if (out === undefined) {
      if (canonical === element) continue;
      out = value.slice(0, i);
    }
    if (canonical !== OMIT) out.push(canonical);
  }
  return out ?? value;
}

const INDEX_SEGMENTS = Array.from({ length: 16 }, (_, i) => `[${i}]`);

function indexSegment(i: number): string {
  return i < INDEX_SEGMENTS.length ? INDEX_SEGMENTS[i] : `[${i}]`;
}

/** Maps (tags, segment attributes) keep their keys as sent; only their values are canonicalized. */
function canonicalMap(value: unknown, plan: ValuePlan, path: string, warnings: ModelIssue[]): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const input = value as Json;
  let out: Json | undefined;
  for (const key in input) {
    const element = input[key];
    const canonical = canonicalValueOf(element, plan, path, childPath('', key), warnings);
    if (out === undefined) {
      if (canonical === element) continue;
      out = copyBefore(input, key);
    }
    if (canonical !== OMIT) put(out, key, canonical);
  }
  return out ?? input;
}

/** An unknown PascalCase name (`NewField`) gets the camelCase its modern spelling would have. */
function unknownFieldKey(key: string): string {
  const first = key.charCodeAt(0);
  const second = key.charCodeAt(1);
  const upperThenLower = first >= 65 && first <= 90 && second >= 97 && second <= 122;
  return upperThenLower ? key.charAt(0).toLowerCase() + key.slice(1) : key;
}
