import { type Static, Type } from '@sinclair/typebox';
import { ContactEventDetailSchema } from './detail.js';
import { Timestamp } from './primitives.js';

export const CONTACT_EVENT_SOURCE = 'aws.connect' as const;
export const CONTACT_EVENT_DETAIL_TYPE = 'Amazon Connect Contact Event' as const;

/** The EventBridge envelope; its keys keep EventBridge's own spelling (`detail-type`). */
export const ContactEventEnvelopeSchema = Type.Object(
  {
    version: Type.String({ description: 'Always "0".' }),
    id: Type.String({ minLength: 1, description: 'Unique per event: the de-duplication key.' }),
    'detail-type': Type.String({ minLength: 1, description: 'Amazon Connect Contact Event.' }),
    source: Type.String({ minLength: 1, description: 'aws.connect.' }),
    account: Type.String({ minLength: 1, description: 'The AWS account (12 digits in real events).' }),
    time: Timestamp('When the event was published.'),
    region: Type.String({ minLength: 1 }),
    resources: Type.Array(Type.String(), { description: 'Instance and contact ARNs.' }),
    detail: ContactEventDetailSchema,
  },
  {
    additionalProperties: true,
    title: 'ContactEventEnvelope',
    description: 'An Amazon Connect contact event as EventBridge delivers it, in canonical form.',
  },
);
export type ContactEventEnvelope = Static<typeof ContactEventEnvelopeSchema>;
