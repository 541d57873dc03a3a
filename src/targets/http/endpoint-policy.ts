import { BlockList, isIP } from 'node:net';
import { TargetConfigError } from '../errors.js';

/**
 * Where plain HTTP is allowed: loopback and private networks, where TLS is often absent and traffic does
 * not cross the internet. Elsewhere an endpoint must use HTTPS, as EventBridge demands of every endpoint.
 * Host names other than `localhost` are not resolved here, so they need HTTPS.
 */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
  ['100.64.0.0', 10],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

export function isLoopbackOrPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  if (family === 0) return false;
  return PRIVATE.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/** Parses and checks an endpoint URL; throws {@link TargetConfigError} when it may not be called. */
export function checkEndpoint(raw: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new TargetConfigError(`${what} is not a valid URL: ${raw}`, { cause });
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackOrPrivateHost(url.hostname)) return url;
  if (url.protocol === 'http:') {
    throw new TargetConfigError(
      `${what} must use HTTPS (plain HTTP only to loopback or private addresses): ${url.origin}`,
    );
  }
  throw new TargetConfigError(`${what} must be an http(s) URL: ${url.protocol}`);
}
