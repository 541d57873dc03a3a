import { createHmac, timingSafeEqual } from 'node:crypto';
import { TargetConfigError } from '../errors.js';

/**
 * Standard Webhooks 1.0 signing: HMAC-SHA256 over `{id}.{timestamp}.{body}`, sent as
 * `webhook-signature: v1,<base64>`, one space-separated signature per secret so that receivers holding
 * either the old or the new secret accept the request while a secret is rotated.
 */

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** The spec's default tolerance against replays: 5 minutes either way. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** Decodes a secret as the spec says: an optional `whsec_` prefix, then base64 of the key bytes. */
export function decodeSecret(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0) {
    throw new TargetConfigError('a webhook secret must be whsec_ followed by base64 key bytes');
  }
  return Buffer.from(encoded, 'base64');
}

/** One `v1,<base64>` signature. */
export function sign(key: Buffer, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The headers of one signed request. */
export function signatureHeaders(
  keys: readonly Buffer[],
  id: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': keys.map((key) => sign(key, id, timestamp, body)).join(' '),
  };
}

/** Why a received webhook is refused. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Receiver-side verification, as the spec describes it: the timestamp within tolerance of `nowSeconds`,
 * and at least one `v1` signature matching in constant time. For consumers and tests of this bus.
 */
export function verifyWebhook(
  secret: string,
  headers: { id?: string; timestamp?: string; signature?: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): void {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) throw new WebhookVerificationError('missing webhook headers');
  const ts = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - ts) > toleranceSeconds) {
    throw new WebhookVerificationError('webhook timestamp outside the tolerance');
  }
  const expected = Buffer.from(sign(decodeSecret(secret), id, ts, body).slice(3), 'base64');
  for (const candidate of signature.split(' ')) {
    const [version, value] = candidate.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return;
  }
  throw new WebhookVerificationError('no matching webhook signature');
}
