import type { Dispatcher } from 'undici';
import type { Clock } from '../clock.js';
import { TargetConfigError } from '../errors.js';
import type { DeliveryFailure } from '../target.js';
import { OAuthTokenSource } from './oauth-token.js';
import type { ConnectionConfig } from './schema.js';

/** Adds a connection's credentials to a call. */
export interface ConnectionAuth {
  /** Sets the auth header; answers the credential used (for a later refresh) or the failure to get one. */
  apply(headers: Record<string, string>, stale?: string): Promise<{ credential: string } | DeliveryFailure>;
  /** Whether a 401/407 answer should refresh the credential and retry once. */
  readonly refreshable: boolean;
  /** The header a connection with fixed credentials (API key, Basic) sets on every call, known up front. */
  readonly fixedHeader?: { readonly name: string; readonly value: string };
}

export function connectionAuth(
  connection: ConnectionConfig,
  deps: { clock: Clock; dispatcher?: Dispatcher; timeoutMs: number },
): ConnectionAuth {
  const p = connection.AuthParameters;
  switch (connection.AuthorizationType) {
    case 'API_KEY': {
      const key = required(p.ApiKeyAuthParameters, 'ApiKeyAuthParameters');
      return staticHeader(key.ApiKeyName.toLowerCase(), key.ApiKeyValue);
    }
    case 'BASIC': {
      const basic = required(p.BasicAuthParameters, 'BasicAuthParameters');
      const encoded = Buffer.from(`${basic.Username}:${basic.Password}`).toString('base64');
      return staticHeader('authorization', `Basic ${encoded}`);
    }
    case 'OAUTH_CLIENT_CREDENTIALS':
      return oauth(new OAuthTokenSource(required(p.OAuthParameters, 'OAuthParameters'), deps));
    default:
      throw new TargetConfigError(`unknown AuthorizationType ${String(connection.AuthorizationType)}`);
  }
}

function staticHeader(name: string, value: string): ConnectionAuth {
  return {
    refreshable: false,
    fixedHeader: { name, value },
    apply: (headers) => {
      headers[name] = value;
      return Promise.resolve({ credential: value });
    },
  };
}

function oauth(source: OAuthTokenSource): ConnectionAuth {
  return {
    refreshable: true,
    apply: async (headers, stale) => {
      const token = await source.token(stale);
      if (typeof token !== 'string') return token;
      headers.authorization = `Bearer ${token}`;
      return { credential: token };
    },
  };
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new TargetConfigError(`the connection's AuthParameters need ${name}`);
  return value;
}
