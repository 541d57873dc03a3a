import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { AwsError } from './aws-error.js';
import { type AccessKey, type SignedRequest, verifySigV4 } from './sigv4.js';

/** An API key as an EventBridge connection sends it: a header name and its value. */
export interface IngestApiKey {
  readonly header: string;
  readonly value: string;
}

export interface BasicCredential {
  readonly username: string;
  readonly password: string;
}

export interface AuthConfig {
  /** Access keys for the AWS-compatible APIs (SigV4). Empty: any signature is accepted, loopback only. */
  readonly accessKeys: readonly AccessKey[];
  /** Credentials `/ingest` accepts. Both empty: any request is accepted, loopback only. */
  readonly ingestApiKeys: readonly IngestApiKey[];
  readonly ingestBasic: readonly BasicCredential[];
}

export const NO_AUTH: AuthConfig = { accessKeys: [], ingestApiKeys: [], ingestBasic: [] };

export class InsecureListenError extends Error {
  override readonly name = 'InsecureListenError';
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === '::1' || bare.startsWith('::ffff:127.');
}

/** Refuses a non-loopback listen address unless both the AWS APIs and `/ingest` have credentials. */
export function assertListenable(host: string, auth: AuthConfig): void {
  if (isLoopbackHost(host)) return;
  const missing: string[] = [];
  if (auth.accessKeys.length === 0) missing.push('access keys for the AWS APIs (auth.accessKeys)');
  if (auth.ingestApiKeys.length === 0 && auth.ingestBasic.length === 0) {
    missing.push('credentials for /ingest (auth.ingest.apiKeys or auth.ingest.basic)');
  }
  if (missing.length > 0) {
    throw new InsecureListenError(
      `refusing to listen on non-loopback address ${host} without ${missing.join(' and ')}`,
    );
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Decides who may call what; owns the configured credentials and never logs them. */
export class Authenticator {
  private readonly secrets: Map<string, string>;
  constructor(
    private readonly config: AuthConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.secrets = new Map(config.accessKeys.map((k) => [k.accessKeyId, k.secretAccessKey]));
  }

  /** Throws the AwsError AWS would answer when the request's signature does not hold. */
  verifyAws(request: SignedRequest): void {
    if (this.secrets.size === 0) return;
    verifySigV4(request, (id) => this.secrets.get(id), this.now());
  }

  ingestAllowed(headers: SignedRequest['headers']): boolean {
    const { ingestApiKeys, ingestBasic } = this.config;
    if (ingestApiKeys.length === 0 && ingestBasic.length === 0) return true;
    for (const key of ingestApiKeys) {
      const given = headers[key.header.toLowerCase()];
      if (typeof given === 'string' && sameSecret(given, key.value)) return true;
    }
    const authorization = headers.authorization;
    if (typeof authorization === 'string' && authorization.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = decoded.slice(0, colon);
      const password = decoded.slice(colon + 1);
      return ingestBasic.some((c) => sameSecret(c.username, user) && sameSecret(c.password, password));
    }
    return false;
  }
}

export const ingestUnauthorized = () =>
  new AwsError('UnauthorizedException', 'Missing or invalid credentials.', 401);
