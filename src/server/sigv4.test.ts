import { describe, expect, it } from 'vitest';
import { AwsError } from './aws-error.js';
import { canonicalRequest, parseAuthorization, verifySigV4 } from './sigv4.js';

// The "get-vanilla" case of AWS's published Signature Version 4 test suite.
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const vanilla = {
  method: 'GET',
  url: '/',
  headers: {
    host: 'example.amazonaws.com',
    'x-amz-date': '20150830T123600Z',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
      'SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  },
  body: Buffer.alloc(0),
};
const signedAt = Date.UTC(2015, 7, 30, 12, 36, 0);
const lookup = (id: string) => (id === 'AKIDEXAMPLE' ? SECRET : undefined);

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AwsError);
    return (error as AwsError).code;
  }
  return undefined;
}

describe('verifySigV4', () => {
  it('accepts the published test vector', () => {
    expect(verifySigV4(vanilla, lookup, signedAt)).toBe('AKIDEXAMPLE');
  });

  it('builds the canonical request of the test vector', () => {
    expect(canonicalRequest(vanilla, ['host', 'x-amz-date'])).toBe(
      'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n' +
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('answers AWS exception names for unknown keys, bad signatures, tampering and old signatures', () => {
    expect(code(() => verifySigV4(vanilla, () => undefined, signedAt))).toBe('UnrecognizedClientException');
    expect(code(() => verifySigV4(vanilla, () => 'other-secret', signedAt))).toBe(
      'InvalidSignatureException',
    );
    const tampered = { ...vanilla, body: Buffer.from('x') };
    expect(code(() => verifySigV4(tampered, lookup, signedAt))).toBe('InvalidSignatureException');
    expect(code(() => verifySigV4(vanilla, lookup, signedAt + 16 * 60_000))).toBe(
      'InvalidSignatureException',
    );
    const unsigned = { ...vanilla, headers: { host: 'example.amazonaws.com' } };
    expect(code(() => verifySigV4(unsigned, lookup, signedAt))).toBe('MissingAuthenticationTokenException');
  });

  it('parses the credential scope', () => {
    const parsed = parseAuthorization(vanilla.headers.authorization);
    expect(parsed).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'service' });
    expect(code(() => parseAuthorization('Bearer x'))).toBe('IncompleteSignatureException');
  });
});
