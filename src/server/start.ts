import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Bus, type BusOptions } from '../bus/bus.js';
import { buildApp } from './app.js';
import { type AuthConfig, Authenticator, assertListenable } from './auth.js';

export interface StartOptions extends BusOptions {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Mounts more routes (such as the emulator's Amazon Connect API) before the server listens. */
  readonly extend?: (app: FastifyInstance, context: { bus: Bus; auth: Authenticator }) => Promise<void>;
}

export interface RunningServer {
  readonly url: string;
  readonly bus: Bus;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

export function authConfigOf(options: BusOptions): AuthConfig {
  const auth = options.config?.auth;
  return {
    accessKeys: auth?.accessKeys ?? [],
    ingestApiKeys: auth?.ingest?.apiKeys ?? [],
    ingestBasic: auth?.ingest?.basic ?? [],
  };
}

/** Opens the bus in the data folder and serves it; refuses a public address without credentials. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const auth = authConfigOf(options);
  assertListenable(host, auth);
  const bus = await Bus.open(options);
  const authenticator = new Authenticator(auth);
  const app = buildApp({ bus, auth: authenticator });
  try {
    await options.extend?.(app, { bus, auth: authenticator });
    await app.listen({ host, port: options.port ?? 8080 });
  } catch (error) {
    await bus.close();
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    bus,
    app,
    async close() {
      await app.close();
      await bus.close();
    },
  };
}
