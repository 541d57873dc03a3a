import { ListRulesCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { client, tempDir } from './helpers.js';

let server: RunningServer;
const key = { accessKeyId: 'AKIDBUS', secretAccessKey: 'bus-secret' };

beforeAll(async () => {
  server = await startServer({
    dataDir: tempDir(),
    port: 0,
    config: {
      auth: {
        accessKeys: [key],
        ingest: {
          apiKeys: [{ header: 'x-api-key', value: 'ingest-key' }],
          basic: [{ username: 'u', password: 'p' }],
        },
      },
    },
  });
});

afterAll(async () => server.close());

describe('SigV4 on the AWS API', () => {
  it('accepts a request signed with a configured key', async () => {
    const eb = client(server.url, key);
    expect((await eb.send(new ListRulesCommand({}))).Rules).toEqual([]);
    eb.destroy();
  });

  it('refuses an unknown key and a wrong secret with AWS errors', async () => {
    const unknown = client(server.url, { accessKeyId: 'AKIDNOPE', secretAccessKey: 'bus-secret' });
    await expect(unknown.send(new ListRulesCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    const wrong = client(server.url, { accessKeyId: 'AKIDBUS', secretAccessKey: 'guess' });
    await expect(
      wrong.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] })),
    ).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    unknown.destroy();
    wrong.destroy();
  });

  it('refuses an unsigned request', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.ListRules', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
  });
});

describe('/ingest credentials', () => {
  const event = JSON.stringify({ id: 'e1', source: 'x.app', 'detail-type': 'T', detail: {} });
  const post = (headers: Record<string, string>) =>
    fetch(`${server.url}/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: event,
    });

  it('accepts the API key or Basic and refuses anything else', async () => {
    expect((await post({ 'x-api-key': 'ingest-key' })).status).toBe(200);
    expect((await post({ authorization: `Basic ${Buffer.from('u:p').toString('base64')}` })).status).toBe(
      200,
    );
    const refused = await post({ 'x-api-key': 'nope' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ __type: 'UnauthorizedException' });
    expect((await post({})).status).toBe(401);
  });
});

describe('listen policy', () => {
  it('refuses a public address without credentials', async () => {
    await expect(startServer({ dataDir: tempDir(), port: 0, host: '0.0.0.0' })).rejects.toMatchObject({
      name: 'InsecureListenError',
    });
  });
});
