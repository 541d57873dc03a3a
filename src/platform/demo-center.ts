import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Bus } from '../bus/index.js';
import { connectApiPlugin } from '../connect-api/index.js';
import {
  type EventSink,
  loadScenario,
  type PreparedScenario,
  prepareScenario,
  runScenario,
} from '../emulator/index.js';
import type { Authenticator } from '../server/auth.js';

/** The built-in scenario `serve --demo` runs: the demo center's traffic, in real time, without end. */
export const DEMO_SCENARIO = 'demo';

/**
 * The demo contact center running inside the bus: its contacts' events go into the bus in process (durable
 * before the emulator moves on), and its Amazon Connect API is served beside the EventBridge API, so the
 * AWS SDK for Amazon Connect can start contacts on the same instance the scenario drives.
 */
export class DemoCenter {
  private readonly prepared: PreparedScenario;
  private readonly scenario = loadScenario(DEMO_SCENARIO).scenario;
  private readonly abort = new AbortController();
  private running: Promise<unknown> | undefined;

  /**
   * Each start draws its own seed: the demo scenario's fixed seed would give a restarted server the same
   * contact and event ids again, and the bus stores an event id it already holds only once.
   */
  constructor(startMs: number = Date.now(), seed: number = randomInt(2 ** 31)) {
    this.prepared = prepareScenario({ scenario: this.scenario, startMs, seed });
  }

  /** Mounts the Amazon Connect API of the demo instance on the bus server, behind its SigV4 check. */
  async mount(app: FastifyInstance, context: { bus: Bus; auth: Authenticator }): Promise<void> {
    await app.register(
      connectApiPlugin({
        engine: this.prepared.emulator,
        sink: busSink(context.bus),
        authenticate: (request) => context.auth.verifyAws(request),
      }),
    );
  }

  /** Starts the scenario in real time; it runs until {@link stop}. */
  start(bus: Bus, onError: (error: unknown) => void): void {
    this.running = runScenario({
      scenario: this.scenario,
      prepared: this.prepared,
      durationMs: Number.POSITIVE_INFINITY,
      speed: 'realtime',
      drain: false,
      sink: busSink(bus),
      signal: this.abort.signal,
    }).catch(onError);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }
}

/** Publishes the emulator's events into the bus; an event the bus refuses is a defect worth surfacing. */
function busSink(bus: Bus): EventSink {
  return {
    async publish(events) {
      const result = await bus.publish(events);
      if (result.FailedEntryCount > 0) {
        const first = result.Entries.find((entry) => entry.ErrorCode);
        throw new Error(
          `the bus refused ${result.FailedEntryCount} emulator event(s): ${first?.ErrorCode}: ${first?.ErrorMessage}`,
        );
      }
    },
  };
}
