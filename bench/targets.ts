/**
 * Throughput of the bus's targets and input transforms, each beside the baseline it should approach:
 *   tsx bench/targets.ts
 * HTTP targets call a trivial Node HTTP server in a separate process on 127.0.0.1; the baseline is
 * undici's request against that same server at the same concurrency (the ceiling of any HTTP target).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { createTarget, type DeliveryRequest, type Target, type TargetSpec } from '../src/targets/index.js';
import { compileTargetInput } from '../src/transform/index.js';

const HTTP_N = 20_000;
const FILE_N = 20_000;
const FN_N = 5_000;
const CONCURRENCY = 64;

const EVENT = {
  version: '0',
  id: '0b4c2b4b-7a1c-4c4a-9c63-5a9e2c8f0f11',
  'detail-type': 'Amazon Connect Contact Event',
  source: 'aws.connect',
  account: '123456789012',
  time: '2026-03-01T10:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:connect:us-east-1:123456789012:instance/i-1/contact/c-1'],
  detail: {
    eventType: 'INITIATED',
    contactId: 'c-1',
    channel: 'VOICE',
    initiationMethod: 'INBOUND',
    queueInfo: {
      queueArn: 'arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1',
      queueType: 'STANDARD',
    },
    agentInfo: { agentArn: 'arn:aws:connect:us-east-1:123456789012:instance/i-1/agent/a-1' },
  },
};
const BODY = JSON.stringify(EVENT);

function req(i: number): DeliveryRequest {
  return {
    eventId: `e-${i}`,
    body: BODY,
    attempt: 1,
    ruleArn: 'arn:r',
    ruleName: 'r',
    targetId: 't',
    targetArn: 'arn:t',
  };
}

async function timed(n: number, concurrency: number, one: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await one(next++);
    }),
  );
  return n / ((performance.now() - start) / 1000);
}

async function expectOk(target: Target, i: number): Promise<void> {
  const outcome = await target.deliver(req(i));
  if (!outcome.ok) throw new Error(`delivery failed: ${outcome.errorMessage}`);
}

function startReceiver(): Promise<{ url: string; child: ChildProcess }> {
  const code = `require('node:http').createServer((q, r) => { q.resume(); q.on('end', () => r.end('ok')); })
    .listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    child.stdout?.once('data', (d: Buffer) =>
      resolve({ url: `http://127.0.0.1:${String(d).trim()}/events`, child }),
    );
  });
}

function row(name: string, perSecond: number, baseline?: number): void {
  const ratio = baseline ? `  (${((perSecond / baseline) * 100).toFixed(0)}% of baseline)` : '';
  console.log(`${name.padEnd(52)} ${Math.round(perSecond).toLocaleString('en-US').padStart(10)} /s${ratio}`);
}

async function benchTransforms(): Promise<void> {
  const context = { ruleArn: 'arn:r', ruleName: 'r', ingestionTime: '2026-03-01T10:00:00.100Z' };
  const render = compileTargetInput({
    InputTransformer: {
      InputPathsMap: {
        contact: '$.detail.contactId',
        channel: '$.detail.channel',
        queue: '$.detail.queueInfo',
        type: '$.detail.eventType',
        agent: '$.detail.agentInfo.agentArn',
      },
      InputTemplate:
        '{"contact": <contact>, "channel": "<channel>", "queue": <queue>, "type": <type>, "agent": <agent>, "rule": <aws.events.rule-name>}',
    },
  });
  const whole = compileTargetInput({});
  const n = 200_000;
  for (const [name, fn] of [
    ['input: InputTransformer (5 vars, JSON template)', render],
    ['input: whole event (JSON.stringify, baseline)', whole],
  ] as const) {
    const start = performance.now();
    for (let i = 0; i < n; i++) fn(EVENT, context);
    row(name, n / ((performance.now() - start) / 1000));
  }
}

async function benchHttp(): Promise<void> {
  const { url, child } = await startReceiver();
  try {
    const agent = new Agent({ connections: CONCURRENCY });
    await timed(2000, CONCURRENCY, async () =>
      (await request(url, { method: 'POST', body: BODY, dispatcher: agent })).body.text(),
    );
    const baseline = await timed(HTTP_N, CONCURRENCY, async () =>
      (await request(url, { method: 'POST', body: BODY, dispatcher: agent })).body.text(),
    );
    row(`http: undici request, ${CONCURRENCY} in flight (baseline)`, baseline);
    const specs: Array<[string, TargetSpec]> = [
      [
        'http: api-destination (API key), rate limit 100000/s',
        {
          kind: 'api-destination',
          destination: { InvocationEndpoint: url, HttpMethod: 'POST', InvocationRateLimitPerSecond: 100_000 },
          connection: {
            AuthorizationType: 'API_KEY',
            AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k' } },
          },
        },
      ],
      [
        'http: webhook, 2 secrets signed',
        {
          kind: 'webhook',
          url,
          secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'],
        },
      ],
    ];
    for (const [name, spec] of specs) {
      const target = createTarget(spec, { dispatcher: agent });
      await timed(2000, CONCURRENCY, (i) => expectOk(target, i));
      row(name, await timed(HTTP_N, CONCURRENCY, (i) => expectOk(target, i)), baseline);
      await target.close();
    }
    await agent.close();
  } finally {
    child.kill();
  }
}

async function benchFile(dir: string): Promise<void> {
  const naivePath = join(dir, 'naive.ndjson');
  const handle = await open(naivePath, 'a');
  const naive = await timed(2000, 1, async () => {
    await handle.appendFile(BODY + '\n');
    await handle.sync();
  });
  await handle.close();
  row('file: append + fsync per line, sequential (baseline)', naive);
  const target = createTarget({ kind: 'file', path: join(dir, 'out', 'events.ndjson') });
  row(
    `file: target, ${CONCURRENCY} in flight (group fsync)`,
    await timed(FILE_N, CONCURRENCY, (i) => expectOk(target, i)),
    naive,
  );
  await target.close();
}

async function benchFunction(dir: string): Promise<void> {
  const module = join(dir, 'fn.mjs');
  await writeFile(module, 'export const handler = async (event) => event.detail.contactId.length;\n');
  const target = createTarget({ kind: 'function', module, concurrency: 2 });
  await timed(200, 2, (i) => expectOk(target, i));
  row('function: handler in 2 isolates, 2 in flight', await timed(FN_N, 2, (i) => expectOk(target, i)));
  await target.close();
}

const dir = await mkdtemp(join(tmpdir(), 'bench-targets-'));
try {
  console.log(`node ${process.version}, ${cpus().length} cores`);
  await benchTransforms();
  await benchHttp();
  await benchFile(dir);
  await benchFunction(dir);
} finally {
  await rm(dir, { recursive: true, force: true });
}
