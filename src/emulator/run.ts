import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Behavior } from './behavior.js';
import { type Center, parseCenter } from './center.js';
import { BUILT_IN_CENTERS, BUILT_IN_SCENARIOS } from './demo.js';
import { Emulator } from './emulator.js';
import type { EngineStats, EventSink } from './engine.js';
import { EmulatorConfigError } from './errors.js';
import { hasQuirks, type QuirkCounts, type QuirkRates, QuirkySink } from './quirks.js';
import { Rng } from './rng.js';
import { checkScenario, parseScenario, type Scenario } from './scenario.js';
import { ScenarioBehavior, Traffic } from './traffic.js';

export interface CreateEmulatorOptions {
  center: Center | string;
  seed?: number;
  startMs?: number;
  behavior?: Behavior;
  taskExpiryMs?: number;
}

/** An emulated instance from a center (a built-in name, YAML text or a parsed {@link Center}). */
export function createEmulator(options: CreateEmulatorOptions): Emulator {
  const center = typeof options.center === 'string' ? loadCenter(options.center) : options.center;
  return new Emulator({ ...options, center });
}

/** A center by built-in name, file path, or YAML text. */
export function loadCenter(ref: string, baseDir = process.cwd()): Center {
  if (BUILT_IN_CENTERS[ref]) return parseCenter(BUILT_IN_CENTERS[ref], `center ${ref}`);
  if (ref.includes('\n')) return parseCenter(ref);
  return parseCenter(readText(resolve(baseDir, ref)), ref);
}

/** A scenario by built-in name or file path, with the directory its center path is relative to. */
export function loadScenario(ref: string): { scenario: Scenario; baseDir: string } {
  if (BUILT_IN_SCENARIOS[ref])
    return { scenario: parseScenario(BUILT_IN_SCENARIOS[ref], ref), baseDir: process.cwd() };
  const path = resolve(ref);
  return {
    scenario: parseScenario(
      readText(path, `built-in scenarios: ${Object.keys(BUILT_IN_SCENARIOS).join(', ')}`),
      ref,
    ),
    baseDir: dirname(path),
  };
}

/** The file's text; a file that is not there is named with what else `hint` says the name could be. */
function readText(path: string, hint?: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    const why = missing ? 'no such file' : (cause as Error).message;
    throw new EmulatorConfigError(`cannot read ${path}: ${why}${missing && hint ? ` (${hint})` : ''}`, {
      cause,
    });
  }
}

export type Speed = 'max' | 'realtime' | number;

/** Wall time for pacing; injected so that tests never wait on the real clock. */
export interface WallClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realWall: WallClock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export interface Progress {
  virtualMs: number;
  startMs: number;
  endMs: number;
  events: number;
  contactsInProgress: number;
  draining: boolean;
}

export interface RunOptions {
  scenario: Scenario;
  /** The center; loaded from `scenario.center` when omitted. */
  center?: Center;
  baseDir?: string;
  seed?: number;
  durationMs: number;
  speed?: Speed;
  sink?: EventSink;
  /** After the duration: stop arrivals and run until every contact has ended (default true). */
  drain?: boolean;
  quirks?: QuirkRates;
  onProgress?(p: Progress): void;
  wall?: WallClock;
  signal?: AbortSignal;
  /** Timers fired between two publishes at max speed. */
  chunk?: number;
  /** An emulator already made by {@link prepareScenario} (to serve its API while the scenario runs). */
  prepared?: PreparedScenario;
}

export interface PreparedScenario {
  emulator: Emulator;
  traffic: Traffic;
  seed: number;
}

export interface RunSummary {
  scenario: string;
  seed: number;
  startMs: number;
  endMs: number;
  wallMs: number;
  events: number;
  stats: EngineStats;
  contactsInProgress: number;
  /** With delivery quirks: how many events each one touched (the sink got `events` - drop + duplicate). */
  quirks?: QuirkCounts;
}

/** The emulator a scenario runs on, with the scenario's behaviour installed and its traffic ready. */
export function prepareScenario(
  options: Pick<RunOptions, 'scenario' | 'center' | 'baseDir' | 'seed'> & {
    startMs?: number;
    /** How many finished contacts DescribeContact still knows (the engine's default unless given). */
    retainFinished?: number;
  },
): PreparedScenario {
  const scenario = checkScenario(options.scenario);
  const seed = options.seed ?? scenario.seed ?? 1;
  const center = options.center ?? loadCenter(scenario.center, options.baseDir);
  const startMs = options.startMs ?? (scenario.start ? Date.parse(scenario.start) : Date.UTC(2026, 0, 5));
  const emulator = new Emulator({ center, seed, startMs, retainFinished: options.retainFinished });
  const rng = new Rng(seed).fork(7);
  emulator.setBehavior(new ScenarioBehavior(scenario, center, rng.fork(1)));
  const traffic = new Traffic(emulator, scenario, rng.fork(2));
  return { emulator, traffic, seed };
}

/**
 * Runs a scenario for `durationMs` of virtual time at the given speed, publishing events to the sink, then
 * (by default) drains: arrivals stop and the run goes on until every contact has ended.
 */
export async function runScenario(options: RunOptions): Promise<RunSummary> {
  // An emulator made here serves no API, so nothing could ever describe a finished contact: keeping the
  // last ones would only make the collector copy them.
  const { emulator, traffic, seed } = options.prepared ?? prepareScenario({ ...options, retainFinished: 0 });
  const wall = options.wall ?? realWall;
  const quirky =
    options.sink && hasQuirks(options.quirks)
      ? new QuirkySink(options.sink, options.quirks, seed)
      : undefined;
  const startMs = emulator.clock.now();
  const wallStart = wall.now();
  traffic.start();
  const events = await drive(emulator, {
    ...options,
    wall,
    sink: quirky ?? options.sink,
    endMs: startMs + options.durationMs,
    atEnd: () => {
      if (options.drain === false) return false;
      traffic.stop();
      return true;
    },
  });
  if (quirky) await quirky.flush();
  return {
    scenario: options.scenario.name,
    seed,
    startMs,
    endMs: emulator.clock.now(),
    wallMs: wall.now() - wallStart,
    events,
    stats: emulator.stats,
    contactsInProgress: emulator.contactsInProgress,
    ...(quirky && { quirks: { ...quirky.counts } }),
  };
}

export interface DriveOptions {
  sink?: EventSink;
  speed?: Speed;
  wall?: WallClock;
  signal?: AbortSignal;
  chunk?: number;
  onProgress?(p: Progress): void;
}

/**
 * Runs an emulator driven by API calls (no scenario) until `signal` aborts: virtual time follows the
 * wall clock at `speed` (real time by default) and events reach the sink as they are emitted.
 */
export function runEmulator(emulator: Emulator, options: DriveOptions): Promise<number> {
  return drive(emulator, {
    speed: 'realtime',
    ...options,
    endMs: Number.POSITIVE_INFINITY,
    atEnd: () => false,
  });
}

/**
 * Fires timers up to `endMs` (paced against the wall clock unless speed is max), publishing events after
 * every `chunk` timers and waiting for the sink; at `endMs`, `atEnd` says whether to go on until the
 * clock has nothing left (draining). Returns the number of events published.
 */
async function drive(
  emulator: Emulator,
  options: DriveOptions & { endMs: number; atEnd(): boolean },
): Promise<number> {
  const wall = options.wall ?? realWall;
  const clock = emulator.clock;
  const startMs = clock.now();
  const speed = options.speed ?? 'max';
  const perWallMs = speed === 'max' ? 0 : speed === 'realtime' ? 1 : speed;
  const chunk = options.chunk ?? 2000;
  const wallStart = wall.now();
  let events = 0;
  let draining = false;
  const sink = options.sink;
  // A sink that stores NDJSON gets the text straight from the engine: no event objects are built.
  if (sink?.publishNdjson) emulator.collectNdjson();
  // The NDJSON handed over last, while the sink may still be writing it: the engine fills the next batch
  // meanwhile (into other chunks), so that a file's writes overlap the work of making the next lines.
  // Its outcome is caught at once (a failed write must not go unhandled while the run goes on) and
  // thrown where the run waits for it.
  let handedOver: { chunks: Buffer[]; failure: Promise<{ error: unknown } | undefined> } | undefined;
  const settle = async (): Promise<void> => {
    if (!handedOver) return;
    const { chunks, failure } = handedOver;
    handedOver = undefined;
    const failed = await failure;
    if (failed) throw failed.error;
    emulator.recycleNdjson(chunks);
  };
  const publish = async (): Promise<void> => {
    // Event objects can only be older than the NDJSON (emitted before the run began): they go first.
    const batch = emulator.takeEvents();
    events += batch.length;
    if (sink && batch.length > 0) {
      await settle();
      await sink.publish(batch);
    }
    if (sink?.publishNdjson) {
      const text = emulator.takeNdjson();
      events += text.events;
      if (text.chunks.length > 0) {
        // One batch in the sink's hands at a time: a sink slower than the engine holds the run back.
        await settle();
        const written = Promise.resolve(sink.publishNdjson(text.chunks, text.events));
        handedOver = {
          chunks: text.chunks,
          failure: written.then(
            () => undefined,
            (error: unknown) => ({ error }),
          ),
        };
      }
    }
  };
  for (;;) {
    if (options.signal?.aborted) break;
    const limit = draining ? Number.POSITIVE_INFINITY : options.endMs;
    let target = limit;
    if (perWallMs > 0) target = Math.min(limit, startMs + (wall.now() - wallStart) * perWallMs);
    const fired = clock.runUntil(target, chunk);
    await publish();
    options.onProgress?.({
      virtualMs: clock.now(),
      startMs,
      endMs: options.endMs,
      events,
      contactsInProgress: emulator.contactsInProgress,
      draining,
    });
    if (fired >= chunk) continue;
    // A paced drain never reaches its endless limit: it ends with the last contact (at max speed the
    // clock runs out of timers at the same point).
    if (draining && (emulator.contactsInProgress === 0 || clock.nextAt() === undefined)) break;
    if (target >= limit) {
      if (!draining && options.atEnd()) {
        draining = true;
        continue;
      }
      break;
    }
    const next = clock.nextAt();
    const waitMs = next === undefined ? 100 : Math.min(100, Math.max(1, (next - clock.now()) / perWallMs));
    await wall.sleep(waitMs);
  }
  await publish();
  await settle();
  return events;
}
