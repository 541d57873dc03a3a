import { connect } from 'node:net';

/** The real services a machine of this project's kind runs, by the port each listens on at 127.0.0.1. */
export const SERVICE_PORTS = {
  postgres: 5432,
  redis: 6379,
  rabbitmq: 5672,
  mqtt: 1883,
  nats: 4222,
} as const;

export type ServiceName = keyof typeof SERVICE_PORTS;

function portOpen(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether the tests that need `name` can run. Away from CI a missing service skips those tests with a
 * visible message; under CI=true a missing service is an error, because CI must run every test.
 */
export async function requireService(name: ServiceName): Promise<boolean> {
  if (await portOpen(SERVICE_PORTS[name])) return true;
  const message = `${name} is not reachable on 127.0.0.1:${SERVICE_PORTS[name]}`;
  if (process.env.CI === 'true') throw new Error(`${message}; CI needs it (see .ci/run)`);
  console.warn(`SKIPPED: tests that need ${name}: ${message}`);
  return false;
}
