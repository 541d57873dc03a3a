import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { EventSink } from '../../emulator/engine.js';
import { NdjsonSink } from '../../emulator/ndjson-sink.js';
import { PutEventsSink } from '../../emulator/putevents-sink.js';
import type { QuirkRates } from '../../emulator/quirks.js';
import { MAX_SEED } from '../../emulator/rng.js';
import {
  loadScenario,
  type Progress,
  prepareScenario,
  type RunSummary,
  runScenario,
  type Speed,
} from '../../emulator/run.js';
import { parseDuration } from '../../emulator/time.js';

export interface SimulateOptions {
  scenario: string;
  duration: string;
  seed?: string;
  speed: string;
  out?: string;
  to?: string;
  drain: boolean;
  quirks?: string;
  progress: boolean;
}

/** `max`, `realtime`, or a factor: `x10`, `10x`, `10`. */
export function parseSpeed(text: string): Speed {
  if (text === 'max' || text === 'realtime') return text;
  const m = /^x?(\d+(?:\.\d+)?)x?$/.exec(text);
  if (!m || !(Number(m[1]) > 0)) throw new RangeError(`--speed ${text}: use max, realtime or xN (e.g. x10)`);
  return Number(m[1]);
}

/** A seed for the run's generators, which take 32 bits: a larger one would repeat a smaller one's run. */
export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text) || seed > MAX_SEED) {
    throw new RangeError(`--seed ${text}: an integer from 0 to ${MAX_SEED}`);
  }
  return seed;
}

/** Each quirk `--quirks` takes, with what it did as the summary names it. */
const QUIRK_EFFECTS: Record<keyof QuirkRates, string> = {
  duplicate: 'duplicated',
  reorder: 'delivered after later ones',
  late: 'delivered late',
  drop: 'dropped',
  pascalCase: 'with PascalCase keys',
  voiceCasing: 'with "Voice"',
  placeholderTimestamps: 'with placeholder timestamps',
  skew: 'with a skewed time',
};
const QUIRKS = Object.keys(QUIRK_EFFECTS) as (keyof QuirkRates)[];

/** `duplicate=0.01,reorder=0.05`: each a rate in [0, 1]. */
export function parseQuirks(text: string): QuirkRates {
  const rates: Record<string, number> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [key, value = ''] = part.split('=');
    // Number('') is 0: an empty rate would quietly turn the quirk off.
    const rate = value.trim() === '' ? Number.NaN : Number(value);
    if (!(QUIRKS as string[]).includes(key) || !(rate >= 0 && rate <= 1)) {
      throw new RangeError(
        `--quirks ${part}: use NAME=RATE with NAME one of ${QUIRKS.join(', ')} and 0 <= RATE <= 1`,
      );
    }
    rates[key] = rate;
  }
  return rates;
}

/** A run's summary, and for `--to`, the events the bus refused (invalid for it; never sent again). */
export type SimulateResult = RunSummary & { refused?: { events: number; first: string } };

/** One table of the run: contacts by channel and outcome, events by type. */
export function formatSummary(s: SimulateResult): string {
  const lines = [
    `scenario ${s.scenario}, seed ${s.seed}: ${new Date(s.startMs).toISOString()} .. ${new Date(s.endMs).toISOString()}`,
    `${s.events} events in ${(s.wallMs / 1000).toFixed(1)} s`,
    '',
    'contacts by channel and outcome:',
  ];
  for (const [channel, outcomes] of Object.entries(s.stats.contacts).sort()) {
    const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
    lines.push(`  ${channel.padEnd(6)} ${String(total).padStart(8)}`);
    for (const [o, n] of Object.entries(outcomes).sort((a, b) => b[1] - a[1])) {
      lines.push(`    ${o.padEnd(38)} ${String(n).padStart(8)}`);
    }
  }
  lines.push('', 'events by type:');
  for (const [t, n] of Object.entries(s.stats.events).sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${t.padEnd(24)} ${String(n).padStart(10)}`);
  }
  if (s.quirks) {
    const q = s.quirks;
    lines.push('', `delivery quirks (${s.events - q.drop + q.duplicate} events delivered):`);
    for (const name of QUIRKS) {
      const n = q[name];
      if (n > 0) lines.push(`  ${QUIRK_EFFECTS[name].padEnd(40)} ${String(n).padStart(8)}`);
    }
  }
  if (s.contactsInProgress > 0)
    lines.push('', `${s.contactsInProgress} contacts still in progress (no drain)`);
  if (s.refused)
    lines.push('', `the bus refused ${s.refused.events} event(s); the first: ${s.refused.first}`);
  return lines.join('\n');
}

export async function simulate(options: SimulateOptions): Promise<SimulateResult> {
  if (options.out && options.to) throw new RangeError('give --out or --to, not both');
  // Everything that can be refused is checked, and the center loaded, before the output is opened: a
  // mistyped option must not empty the file a run before wrote.
  const { scenario, baseDir } = loadScenario(options.scenario);
  const durationMs = parseDuration(options.duration);
  if (!(durationMs > 0)) throw new RangeError(`--duration ${options.duration}: a time above zero, e.g. 90m`);
  const seed = options.seed === undefined ? undefined : parseSeed(options.seed);
  const speed = parseSpeed(options.speed);
  const quirks = options.quirks ? parseQuirks(options.quirks) : undefined;
  const prepared = prepareScenario({ scenario, baseDir, seed, retainFinished: 0 });
  let sink: EventSink & { close?(): Promise<void> };
  const poster = options.to ? new PutEventsSink({ url: options.to }) : undefined;
  if (poster) sink = poster;
  else sink = new NdjsonSink(options.out && options.out !== '-' ? options.out : process.stdout);
  const bar = options.progress && process.stderr.isTTY ? progressBar() : undefined;
  try {
    const summary = await runScenario({
      scenario,
      prepared,
      durationMs,
      speed,
      sink,
      drain: options.drain,
      quirks,
      onProgress: bar?.update,
    });
    bar?.stop();
    if (poster?.refused)
      return { ...summary, refused: { events: poster.refused, first: poster.firstRefusal ?? '' } };
    return summary;
  } finally {
    bar?.stop();
    await sink.close?.();
  }
}

function progressBar() {
  const bar = new SingleBar({
    stream: process.stderr,
    format: '{bar} {percentage}% | {clock} | {events} events | {live} in progress{phase}',
    hideCursor: true,
  });
  let started = false;
  return {
    update(p: Progress): void {
      const done = Math.min(p.virtualMs, p.endMs) - p.startMs;
      const payload = {
        clock: new Date(p.virtualMs).toISOString().slice(0, 19),
        events: p.events,
        live: p.contactsInProgress,
        phase: p.draining ? ' (draining)' : '',
      };
      if (!started) bar.start(p.endMs - p.startMs, 0, payload);
      started = true;
      bar.update(done, payload);
    },
    stop: () => bar.stop(),
  };
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'Run a contact-center scenario and emit its Amazon Connect contact events (NDJSON or PutEvents).',
    )
    .requiredOption('--scenario <file|name>', 'scenario YAML file, or a built-in scenario name (demo)')
    .option('--duration <time>', 'virtual time to generate, e.g. 90m, 24h, 2d', '24h')
    .option('--seed <n>', "random seed (default: the scenario's, else 1)")
    .option('--speed <speed>', 'max, realtime, or xN (N times real time)', 'max')
    .option('--out <file>', 'write NDJSON events to this file (default: standard output)')
    .option('--to <url>', 'post events to a bus with PutEvents, e.g. http://127.0.0.1:4010/')
    .option('--no-drain', 'stop at the end of the duration instead of letting contacts in progress finish')
    .option(
      '--quirks <rates>',
      `real-world delivery, e.g. duplicate=0.01,reorder=0.02 (${QUIRKS.join(', ')})`,
    )
    .option('--no-progress', 'no progress bar')
    .action(async (options: SimulateOptions) => {
      const summary = await simulate(options);
      const toStdout = Boolean(options.out && options.out !== '-') || Boolean(options.to);
      (toStdout ? process.stdout : process.stderr).write(`${formatSummary(summary)}\n`);
      // Events the bus would not take are a failed run, for scripts as for people.
      if (summary.refused) process.exitCode = 1;
    });
}
