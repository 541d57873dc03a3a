import { Ajv } from 'ajv';
import type { ContactEventEnvelope } from '../schema/envelope.js';
import {
  CONTACT_EVENT_DETAIL_TYPE,
  CONTACT_EVENT_SOURCE,
  ContactEventEnvelopeSchema,
} from '../schema/envelope.js';
import { KNOWN_VALUES_KEYWORD, PLACEHOLDER_TIMESTAMP, TIMESTAMP_PATTERN } from '../schema/primitives.js';

type Node = Record<string, unknown>;

/**
 * The schema of an event that is already canonical and draws no warning, derived from the model's schema:
 * every object closed to unknown fields, every open enumeration closed to its documented values, no
 * placeholder timestamp, Amazon Connect's source and detail-type. An event that passes needs no
 * canonicalization pass at all: it is its own canonical form, valid, with no warning.
 */
export function strictCanonicalSchema(schema: object = ContactEventEnvelopeSchema): Node {
  const strict = tighten(JSON.parse(JSON.stringify(schema)) as Node);
  const properties = strict.properties as Record<string, Node>;
  properties.source = { type: 'string', const: CONTACT_EVENT_SOURCE };
  properties['detail-type'] = { type: 'string', const: CONTACT_EVENT_DETAIL_TYPE };
  return strict;
}

function tighten(node: Node): Node {
  const known = node[KNOWN_VALUES_KEYWORD];
  if (Array.isArray(known)) {
    const { [KNOWN_VALUES_KEYWORD]: _known, ...rest } = node;
    return { ...rest, enum: known };
  }
  if (node.type === 'string' && node.pattern === TIMESTAMP_PATTERN) {
    return { ...node, not: { const: PLACEHOLDER_TIMESTAMP } };
  }
  if (node.type === 'array' && typeof node.items === 'object') {
    return { ...node, items: tighten(node.items as Node) };
  }
  if (node.type === 'object' && typeof node.properties === 'object') {
    const properties = Object.fromEntries(
      Object.entries(node.properties as Record<string, Node>).map(([key, child]) => [key, tighten(child)]),
    );
    return { ...node, properties, additionalProperties: false };
  }
  if (node.type === 'object' && typeof node.additionalProperties === 'object') {
    return { ...node, additionalProperties: tighten(node.additionalProperties as Node) };
  }
  return node;
}

function compile(): (event: unknown) => event is ContactEventEnvelope {
  const ajv = new Ajv({ allErrors: false, strict: true, unicode: false, logger: false });
  return ajv.compile<ContactEventEnvelope>(strictCanonicalSchema());
}

/**
 * Whether an event is already canonical, valid and free of warnings: one generated function, no walk and
 * no allocation. The modern form Amazon Connect emits today takes this path.
 */
export function isCanonicalContactEvent(event: unknown): event is ContactEventEnvelope {
  isCanonical ??= compile();
  return isCanonical(event);
}

/** Compiled on first use: every command loads the model, few check events. */
let isCanonical: ((event: unknown) => event is ContactEventEnvelope) | undefined;
