import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { receiver, tempDir } from './helpers.js';

// A real-world variant with mixed key casing: its canonical form differs from the text as received.
const fixture = new URL('../../src/model/fixtures/quirk-mixed-key-casing.json', import.meta.url);
const received = readFileSync(fixture, 'utf8');

let server: RunningServer;
let hook: Awaited<ReturnType<typeof receiver>>;

beforeAll(async () => {
  hook = await receiver();
  server = await startServer({
    dataDir: tempDir(),
    port: 0,
    config: {
      endpoints: {
        hook: { kind: 'webhook', url: hook.url, secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] },
      },
      rules: [
        {
          Name: 'greetings',
          // Only the canonical (camelCase) form has this path.
          EventPattern: {
            source: ['aws.connect'],
            detail: { customerVoiceActivity: { greetingStartTimestamp: [{ exists: true }] } },
          },
          Targets: [{ Id: 'hook', Endpoint: 'hook' }],
        },
      ],
    },
  });
});

afterAll(async () => {
  await server.close();
  await hook.close();
});

describe('contact events through /ingest', () => {
  it('stores the text as received beside the canonical form, and rules match the canonical form', async () => {
    const res = await fetch(`${server.url}/ingest`, {
      method: 'POST',
      body: received,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    const [record] = await server.bus.log.read(0, 10);
    expect(record.raw).toBe(received);
    expect(JSON.parse(record.canonical).detail.customerVoiceActivity).toBeDefined();
    expect(JSON.parse(record.raw).detail.customerVoiceActivity).toBeUndefined();
    await hook.until(1);
    expect(JSON.parse(hook.received[0].body).detail.customerVoiceActivity.greetingStartTimestamp).toBe(
      '2024-05-14T09:31:02.000Z',
    );
    expect(hook.received[0].headers['webhook-id']).toBe(JSON.parse(received).id);
  });
});
