import { describe, expect, it } from 'vitest';
import { Authenticator, assertListenable, InsecureListenError, isLoopbackHost, NO_AUTH } from './auth.js';

describe('listen policy', () => {
  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', '::', 'example.com'].some(isLoopbackHost)).toBe(false);
  });

  it('refuses a public address without credentials and allows it with them', () => {
    expect(() => assertListenable('0.0.0.0', NO_AUTH)).toThrow(InsecureListenError);
    expect(() => assertListenable('127.0.0.1', NO_AUTH)).not.toThrow();
    const auth = {
      accessKeys: [{ accessKeyId: 'AK', secretAccessKey: 'S' }],
      ingestApiKeys: [{ header: 'x-api-key', value: 'k' }],
      ingestBasic: [],
    };
    expect(() => assertListenable('0.0.0.0', auth)).not.toThrow();
  });
});

describe('ingest credentials', () => {
  const auth = new Authenticator({
    accessKeys: [],
    ingestApiKeys: [{ header: 'X-Api-Key', value: 'secret-key' }],
    ingestBasic: [{ username: 'connect', password: 'pw:with:colons' }],
  });
  const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

  it('accepts the API key header or Basic, refuses anything else', () => {
    expect(auth.ingestAllowed({ 'x-api-key': 'secret-key' })).toBe(true);
    expect(auth.ingestAllowed({ authorization: basic('connect', 'pw:with:colons') })).toBe(true);
    expect(auth.ingestAllowed({ 'x-api-key': 'wrong' })).toBe(false);
    expect(auth.ingestAllowed({ authorization: basic('connect', 'pw') })).toBe(false);
    expect(auth.ingestAllowed({})).toBe(false);
  });

  it('accepts anything when no credentials are configured', () => {
    expect(new Authenticator(NO_AUTH).ingestAllowed({})).toBe(true);
  });
});
