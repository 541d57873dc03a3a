import { pathSegment } from '../paths.js';
import { KNOWN_VALUES_KEYWORD, TIMESTAMP_PATTERN } from '../schema/primitives.js';

/**
 * How the canonicalizer treats one value. Plans are derived once from the schema, so the schema stays
 * the single source of field names, enumerations and timestamp fields.
 */
export type ValuePlan =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'timestamp' }
  | {
      readonly kind: 'enum';
      readonly known: ReadonlySet<string>;
      /** The documented values as a warning shows them, prepared once. */
      readonly expected: string;
      readonly byUpper: ReadonlyMap<string, string>;
    }
  | { readonly kind: 'object'; readonly plan: ObjectPlan }
  | { readonly kind: 'array'; readonly item: ValuePlan }
  | { readonly kind: 'map'; readonly value: ValuePlan };

export interface FieldPlan {
  /** The canonical (camelCase) name of the field. */
  readonly key: string;
  /** The JSONPath step to the field (`.agentInfo`), prepared once so the hot path builds no path text. */
  readonly segment: string;
  readonly value: ValuePlan;
}

export interface ObjectPlan {
  /** Exact spellings: the canonical name, its PascalCase twin and any alias. */
  readonly byKey: Map<string, FieldPlan>;
  /** Last resort for other casings (`CONTACTID`, `contactid`). */
  readonly byLower: Map<string, FieldPlan>;
}

interface JsonSchemaNode {
  type?: string;
  $id?: string;
  $ref?: string;
  pattern?: string;
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean | JsonSchemaNode;
  items?: JsonSchemaNode;
  [KNOWN_VALUES_KEYWORD]?: string[];
}

const LEAF: ValuePlan = { kind: 'leaf' };
const TIMESTAMP: ValuePlan = { kind: 'timestamp' };

/** Other spellings real producers use for a canonical key (the PascalCase twin is always accepted). */
export type KeyAliases = Readonly<Record<string, readonly string[]>>;

export function pascalCase(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** Builds the canonicalization plan of an object schema (recursive schemas resolve through `$id`). */
export function buildObjectPlan(schema: object, aliases: KeyAliases = {}): ObjectPlan {
  return objectPlan(schema as JsonSchemaNode, new Map(), aliases);
}

function objectPlan(node: JsonSchemaNode, byId: Map<string, ObjectPlan>, aliases: KeyAliases): ObjectPlan {
  const plan: ObjectPlan = { byKey: new Map(), byLower: new Map() };
  if (node.$id !== undefined) byId.set(node.$id, plan);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const field: FieldPlan = { key, segment: pathSegment(key), value: valuePlan(child, byId, aliases) };
    for (const spelling of [key, pascalCase(key), ...(aliases[key] ?? [])]) {
      plan.byKey.set(spelling, field);
      plan.byLower.set(spelling.toLowerCase(), field);
    }
  }
  return plan;
}

function valuePlan(node: JsonSchemaNode, byId: Map<string, ObjectPlan>, aliases: KeyAliases): ValuePlan {
  if (node.$ref !== undefined) {
    const target = byId.get(node.$ref);
    if (target === undefined) throw new Error(`schema reference ${node.$ref} is not an enclosing $id`);
    return { kind: 'object', plan: target };
  }
  const known = node[KNOWN_VALUES_KEYWORD];
  if (known !== undefined) {
    return {
      kind: 'enum',
      known: new Set(known),
      expected: `one of ${known.join(', ')}`,
      byUpper: new Map(known.map((v) => [v.toUpperCase(), v])),
    };
  }
  if (node.type === 'string' && node.pattern === TIMESTAMP_PATTERN) return TIMESTAMP;
  if (node.type === 'array' && node.items !== undefined) {
    const item = valuePlan(node.items, byId, aliases);
    return item.kind === 'leaf' ? LEAF : { kind: 'array', item };
  }
  if (
    node.type === 'object' &&
    node.properties === undefined &&
    typeof node.additionalProperties === 'object'
  ) {
    const value = valuePlan(node.additionalProperties, byId, aliases);
    return value.kind === 'leaf' ? LEAF : { kind: 'map', value };
  }
  if (node.type === 'object' && node.properties !== undefined) {
    return { kind: 'object', plan: objectPlan(node, byId, aliases) };
  }
  return LEAF;
}
