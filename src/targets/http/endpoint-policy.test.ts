import { describe, expect, it } from 'vitest';
import { TargetConfigError } from '../errors.js';
import { checkEndpoint, isLoopbackOrPrivateHost } from './endpoint-policy.js';

describe('endpoint policy', () => {
  it('knows loopback and private hosts', () => {
    for (const host of [
      '127.0.0.1',
      '127.9.9.9',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '[::1]',
      'fd00::1',
      'localhost',
      'api.localhost',
    ]) {
      expect(isLoopbackOrPrivateHost(host), host).toBe(true);
    }
    for (const host of [
      '8.8.8.8',
      '172.32.0.1',
      '11.0.0.1',
      '[2001:db8::1]',
      'example.com',
      'localhost.example.com',
    ]) {
      expect(isLoopbackOrPrivateHost(host), host).toBe(false);
    }
  });

  it('demands HTTPS elsewhere and a valid URL always', () => {
    expect(checkEndpoint('https://example.com/x', 'url').pathname).toBe('/x');
    expect(() => checkEndpoint('http://example.com/', 'url')).toThrow(/HTTPS/);
    expect(() => checkEndpoint('not a url', 'url')).toThrow(TargetConfigError);
    expect(() => checkEndpoint('file:///etc/passwd', 'url')).toThrow(TargetConfigError);
  });
});
