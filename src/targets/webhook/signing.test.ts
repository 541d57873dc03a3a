import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { decodeSecret, sign, signatureHeaders, verifyWebhook, WebhookVerificationError } from './signing.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('Standard Webhooks signatures', () => {
  it('match the standardwebhooks reference implementation', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }),
        fc.string(),
        (id, ts, body) => {
          const ours = sign(decodeSecret(SECRET), id, ts, body);
          expect(ours).toBe(new Webhook(SECRET).sign(id, new Date(ts * 1000), body));
        },
      ),
    );
  });

  it('decode the key the same with or without the whsec_ prefix', () => {
    expect(decodeSecret(SECRET)).toEqual(decodeSecret(SECRET.slice('whsec_'.length)));
  });

  it('verify only an untouched message within the tolerance', () => {
    const now = 1_800_000_000;
    const headers = signatureHeaders([decodeSecret(SECRET)], 'msg_1', now, '{"a":1}');
    const h = {
      id: headers['webhook-id'],
      timestamp: headers['webhook-timestamp'],
      signature: headers['webhook-signature'],
    };
    expect(() => verifyWebhook(SECRET, h, '{"a":1}', now + 10)).not.toThrow();
    expect(() => verifyWebhook(SECRET, h, '{"a":2}', now)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(SECRET, { ...h, id: 'msg_2' }, '{"a":1}', now)).toThrow(
      WebhookVerificationError,
    );
    expect(() => verifyWebhook(SECRET, h, '{"a":1}', now + 301)).toThrow(/tolerance/);
    expect(() =>
      verifyWebhook(SECRET, { ...h, signature: `v2,${h.signature.slice(3)}` }, '{"a":1}', now),
    ).toThrow(WebhookVerificationError);
  });
});
