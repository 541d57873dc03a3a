import { type Static, Type } from '@sinclair/typebox';

export const WebhookTargetSpecSchema = Type.Object(
  {
    kind: Type.Literal('webhook'),
    url: Type.String({
      description:
        'Endpoint called with POST for each event (HTTPS, or HTTP to a loopback or private address).',
      examples: ['https://hooks.example.com/contact-events'],
    }),
    secrets: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description:
        'Signing secrets, `whsec_` + base64 of the key bytes, as Standard Webhooks issues them (the prefix ' +
        'is optional). Each request carries one signature per secret, so a new secret can be added before ' +
        'the old one is removed.',
      examples: [['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']],
    }),
    timeoutMs: Type.Optional(
      Type.Integer({ minimum: 1, default: 5000, description: 'Time allowed per call, in ms.' }),
    ),
    headers: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Extra headers sent with every call.',
        examples: [{ 'x-tenant': 'acme' }],
      }),
    ),
  },
  { description: 'A plain HTTPS endpoint, each request signed as Standard Webhooks 1.0 says.' },
);
export type WebhookTargetSpec = Static<typeof WebhookTargetSpecSchema>;
