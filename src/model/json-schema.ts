import { ContactEventEnvelopeSchema } from './schema/envelope.js';

const { title: _typeName, ...envelope } = JSON.parse(JSON.stringify(ContactEventEnvelopeSchema)) as Record<
  string,
  unknown
>;

/**
 * The JSON Schema of the canonical contact event, as plain JSON: the same definition that gives the
 * TypeScript types and drives validation and canonicalization. It uses draft-07 keywords only, so most
 * tools read it. Open enumerations list their documented values under `x-known-values`.
 */
export const contactEventJsonSchema: object = Object.freeze({
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Amazon Connect contact event (canonical form)',
  ...envelope,
});
