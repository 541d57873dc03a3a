import type { AddressInfo } from 'node:net';
import { ConnectClient } from '@aws-sdk/client-connect';
import Fastify from 'fastify';
import { Emulator, parseCenter } from '../emulator/index.js';
import { type ConnectApiOptions, connectApiPlugin } from './plugin.js';

/** A small center whose agents move only when a test plays them through the agent API. */
export const CENTER_YAML = `
instance: { id: 0a0b0c0d-1111-2222-3333-444455556666, alias: api-test, account: "111122223333", region: us-east-1 }
phoneNumber: "+15550100200"
queues: [ { name: Q1 }, { name: Q2 } ]
routingProfiles:
  - { name: P, channels: { VOICE: 1, CHAT: 2, TASK: 2 }, queues: [ { queue: Q1 }, { queue: Q2 } ] }
agents:
  - { username: ann, routingProfile: P, control: manual, hierarchy: [EU, Sales],
      proficiencies: [ { name: Language, value: French, level: 4 } ] }
  - { username: bob, routingProfile: P, control: manual, status: Offline }
flows:
  - { name: ToQ1, durationSeconds: 2, queue: Q1 }
  - { name: ToQ2, durationSeconds: 1, queue: Q2 }
  - { name: Hangup, durationSeconds: 1, disconnect: true }
`;

export const INSTANCE_ID = '0a0b0c0d-1111-2222-3333-444455556666';
export const START_MS = Date.UTC(2026, 0, 5, 9);

type Envelope = ReturnType<Emulator['takeEvents']>[number];

/** The bodies the agent API answers with, loosely: each route fills some of these. */
export interface AgentApiJson {
  ContactId?: string;
  Contacts?: { ContactId: string; State: string; Channel: string; OnHold: boolean }[];
  Agents?: { Username: string; Status: string }[];
  Now?: string;
  Message?: string;
}

/**
 * A running API on 127.0.0.1 over a real emulator with a virtual clock: `client` is the real AWS SDK
 * client, `events` collects what the sink receives, `advance` moves virtual time.
 */
export async function startTestApi(
  options: Pick<ConnectApiOptions, 'clockControl' | 'authenticate'> & { failingSink?: boolean } = {},
) {
  const engine = new Emulator({ center: parseCenter(CENTER_YAML), startMs: START_MS });
  const events: Envelope[] = [];
  const app = Fastify({ logger: false });
  await app.register(
    connectApiPlugin({
      engine,
      sink: options.failingSink
        ? { publish: () => Promise.reject(new Error('the bus is down')) }
        : { publish: (batch) => void events.push(...batch) },
      clockControl: options.clockControl,
      authenticate: options.authenticate,
    }),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const client = new ConnectClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
  const advance = (seconds: number): void => {
    engine.clock.runUntil(engine.clock.now() + seconds * 1000);
    events.push(...engine.takeEvents());
  };
  const of = (contactId: string) => events.filter((e) => e.detail.contactId === contactId);
  const types = (contactId: string) => of(contactId).map((e) => e.detail.eventType);
  const last = (contactId: string) => of(contactId).at(-1)?.detail;
  const agentId = (name: string) => engine.center.findAgent(name)?.id as string;
  const flowId = (name: string) => engine.center.findFlow(name)?.id as string;
  const queueId = (name: string) => engine.center.findQueue(name)?.id as string;
  /** Calls the emulator's agent API. */
  const agentApi = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as AgentApiJson;
    return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), json };
  };
  const close = async (): Promise<void> => {
    client.destroy();
    await app.close();
  };
  return {
    engine,
    app,
    url,
    client,
    events,
    advance,
    of,
    types,
    last,
    agentId,
    flowId,
    queueId,
    agentApi,
    close,
  };
}

export type TestApi = Awaited<ReturnType<typeof startTestApi>>;
