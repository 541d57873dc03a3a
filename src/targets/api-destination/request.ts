import { evaluateJsonPath, parseJsonPath } from '../../transform/json-path.js';
import { TargetConfigError } from '../errors.js';
import type { DeliveryRequest } from '../target.js';
import type { ConnectionHttpParameters, HttpParameters } from './schema.js';

/** The parts of an API destination call that do not depend on auth. */
export interface PreparedCall {
  url: URL;
  headers: Record<string, string>;
  body: string;
}

export interface CallTemplate {
  endpoint: string;
  /** Number of `*` in the endpoint. */
  wildcards: number;
  connectionParams: ConnectionHttpParameters;
  targetParams: HttpParameters;
  /** The URL when nothing in it varies per event, parsed once. */
  fixedUrl?: URL;
}

export function callTemplate(
  endpoint: string,
  connectionParams: ConnectionHttpParameters | undefined,
  targetParams: HttpParameters | undefined,
): CallTemplate {
  const wildcards = endpoint.split('*').length - 1;
  const given = targetParams?.PathParameterValues?.length ?? 0;
  if (given !== wildcards) {
    throw new TargetConfigError(
      `InvocationEndpoint has ${wildcards} path parameter(s) (*) but the target gives ${given} PathParameterValues`,
    );
  }
  const t: CallTemplate = {
    endpoint,
    wildcards,
    connectionParams: connectionParams ?? {},
    targetParams: targetParams ?? {},
  };
  const varies =
    wildcards > 0 ||
    Object.values(t.targetParams.QueryStringParameters ?? {}).some((v) => v.startsWith('$.'));
  if (!varies) t.fixedUrl = buildUrl(t, undefined);
  return t;
}

/** True when a target's HTTP parameters read the original event (`$.detail.id`), which it must then be given. */
export function readsEvent(params: HttpParameters | undefined): boolean {
  if (!params) return false;
  const values = [
    ...(params.PathParameterValues ?? []),
    ...Object.values(params.HeaderParameters ?? {}),
    ...Object.values(params.QueryStringParameters ?? {}),
  ];
  return values.some((v) => v.startsWith('$.'));
}

/**
 * Builds the URL, headers and body of one call. Target values may be JSONPaths into the original event.
 * Where the connection and the target name the same parameter, the connection wins (it holds the
 * secrets), as in EventBridge. Connection body parameters become top-level keys of a JSON object body.
 */
export function prepareCall(t: CallTemplate, req: DeliveryRequest): PreparedCall {
  const url = t.fixedUrl ?? buildUrl(t, req);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'contact-events/ApiDestinations',
  };
  for (const [k, v] of Object.entries(t.targetParams.HeaderParameters ?? {}))
    headers[k.toLowerCase()] = resolve(v, req);
  for (const p of t.connectionParams.HeaderParameters ?? []) headers[p.Key.toLowerCase()] = p.Value;
  return { url, headers, body: mergeBody(req.body, t.connectionParams.BodyParameters ?? []) };
}

function buildUrl(t: CallTemplate, req: DeliveryRequest | undefined): URL {
  const path = t.targetParams.PathParameterValues ?? [];
  let i = 0;
  const url = new URL(t.endpoint.replace(/\*/g, () => encodeURIComponent(resolve(path[i++] ?? '', req))));
  for (const [k, v] of Object.entries(t.targetParams.QueryStringParameters ?? {})) {
    url.searchParams.set(k, resolve(v, req));
  }
  for (const p of t.connectionParams.QueryStringParameters ?? []) url.searchParams.set(p.Key, p.Value);
  return url;
}

function resolve(value: string, req: DeliveryRequest | undefined): string {
  if (!value.startsWith('$.') || !req?.event) return value;
  const path = parseJsonPath(value);
  if ('error' in path) return value;
  const found = evaluateJsonPath(path, req.event);
  if (found === undefined || found === null) return '';
  return typeof found === 'string' ? found : JSON.stringify(found);
}

function mergeBody(body: string, params: NonNullable<ConnectionHttpParameters['BodyParameters']>): string {
  if (params.length === 0) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return body;
  const merged = parsed as Record<string, unknown>;
  for (const p of params) merged[p.Key] = p.Value;
  return JSON.stringify(merged);
}
