/**
 * The event-pattern benchmark: `npm run bench:patterns [-- --json] [--sets A,B] [--rules 10,100]
 * [--events N] [--pool N] [--passes N] [--skip-citylots] [--skip-contact] [--skip-raw]`.
 *
 * 1. City lots: the shared excerpt repeated 550 times (212,300 lines), each rule set of
 *    citylots-rulesets.json alone, through the raw-text entry point (`matchJson`); events/s is the median
 *    of 5 passes after a warm-up; match counts are checked against the reference engine's.
 * 2. Contact events: 1,000,000 generated contact events against 10 / 100 / 1,000 / 10,000 generated
 *    rules, through the parsed entry point (`matchEvent`, events parsed beforehand, as the bus holds
 *    them) and the raw one (`matchJson`).
 * With --json, the last line is one JSON object with every figure.
 */
import { RuleMatcher } from '../src/patterns/index.js';
import { EXPECTED_COUNTS, loadCitylotsLines, loadRuleSets, REFERENCE_EPS } from './patterns-citylots.js';
import { contactEvent, Random } from './patterns-contact-events.js';
import { contactRule } from './patterns-contact-rules.js';
import { formatRate, medianRate, type Rate } from './patterns-measure.js';

interface Options {
  json: boolean;
  sets?: string[];
  rules: number[];
  events: number;
  /** Distinct contact events generated and cycled (`--pool`): small pools stay in the CPU cache. */
  pool: number;
  passes: number;
  citylots: boolean;
  contact: boolean;
  /** Contact workload: measure the parsed entry point only. */
  raw: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const list = (name: string) => value(name)?.split(',');
  return {
    json: argv.includes('--json'),
    sets: list('--sets'),
    rules: list('--rules')?.map(Number) ?? [10, 100, 1000, 10000],
    events: Number(value('--events') ?? 1_000_000),
    pool: Number(value('--pool') ?? POOL),
    passes: Number(value('--passes') ?? 5),
    citylots: !argv.includes('--skip-citylots'),
    contact: !argv.includes('--skip-contact'),
    raw: !argv.includes('--skip-raw'),
  };
}

interface SetResult {
  eps: number;
  wallEps: number;
  counts: number[];
  countsOk: boolean;
}

function runCitylots(o: Options, log: (line: string) => void) {
  const lines = loadCitylotsLines();
  const sets = loadRuleSets();
  const parseOnly = medianRate(o.passes, () => {
    for (let i = 0; i < lines.length; i++) JSON.parse(lines[i]);
    return lines.length;
  });
  log(
    `city lots: ${lines.length.toLocaleString('en-US')} lines; JSON.parse alone: ${formatRate(parseOnly.cpu)} lines per CPU-second (${formatRate(parseOnly.wall)} per wall-clock second)`,
  );
  log(
    '| rule set | events/s (CPU) | events/s (wall) | x JSON.parse | vs event-ruler | vs quamina | counts |',
  );
  log('|---|---:|---:|---:|---:|---:|---|');
  const results: Record<string, SetResult> = {};
  for (const [name, rules] of Object.entries(sets)) {
    if (o.sets && !o.sets.includes(name)) continue;
    const matcher = new RuleMatcher();
    for (const [i, rule] of rules.entries()) matcher.addRule(`r${i}`, rule);
    let counts: number[] = [];
    const rate = medianRate(o.passes, () => {
      counts = countMatches(matcher, lines, rules.length);
      return lines.length;
    });
    const eps = rate.cpu;
    const expected = EXPECTED_COUNTS[name] ?? {};
    const countsOk = counts.every((c, i) => c === (expected[`r${i}`] ?? 0));
    results[name] = { eps, wallEps: rate.wall, counts, countsOk };
    const ref = REFERENCE_EPS[name] ?? {};
    const vs = (r?: number) => (r ? `${formatRate(r)} (${(eps / r).toFixed(2)}x)` : 'n/a');
    log(
      `| ${name} | ${formatRate(eps)} | ${formatRate(rate.wall)} | ${(eps / parseOnly.cpu).toFixed(2)} | ${vs(ref.eventRuler)} | ${vs(ref.quamina)} | ${countsOk ? 'ok' : `MISMATCH ${JSON.stringify(counts)}`} |`,
    );
  }
  return { parseOnly: parseOnly.cpu, parseOnlyWall: parseOnly.wall, sets: results };
}

function countMatches(matcher: RuleMatcher, lines: string[], rules: number): number[] {
  const counts = new Array<number>(rules).fill(0);
  for (let i = 0; i < lines.length; i++) {
    const names = matcher.matchJson(lines[i]);
    for (let j = 0; j < names.length; j++) counts[Number(names[j].slice(1))]++;
  }
  return counts;
}

/**
 * The default pool of distinct generated events, cycled to reach the requested count (generation costs
 * more than matching). At about 70 MB of objects, each event is read from memory rather than cache.
 */
const POOL = 50_000;

function runContact(o: Options, log: (line: string) => void) {
  const r = new Random(20240601);
  const pool = Math.min(o.pool, o.events);
  const objects: unknown[] = [];
  const texts: string[] = [];
  for (let i = 0; i < pool; i++) {
    const e = contactEvent(r);
    objects.push(e);
    texts.push(JSON.stringify(e));
  }
  const avgBytes = Math.round(texts.reduce((n, t) => n + t.length, 0) / pool);
  log(
    `\ncontact events: ${o.events.toLocaleString('en-US')} matches per pass over ${pool.toLocaleString('en-US')} distinct generated events (~${avgBytes} bytes each)`,
  );
  const parseOnly = medianRate(o.passes, () => {
    for (let i = 0; i < o.events; i++) JSON.parse(texts[i % pool]);
    return o.events;
  });
  log(
    `JSON.parse alone: ${formatRate(parseOnly.cpu)} events per CPU-second (${formatRate(parseOnly.wall)} wall)`,
  );
  log('| rules | parsed events/s (CPU) | (wall) | raw events/s (CPU) | (wall) | matches per event |');
  log('|---:|---:|---:|---:|---:|---:|');
  const results: Record<string, { parsed: Rate; raw: Rate; matchesPerEvent: number }> = {};
  for (const n of o.rules) {
    const matcher = new RuleMatcher();
    const rules = new Random(7 + n);
    for (let i = 0; i < n; i++) matcher.addRule(`c${i}`, contactRule(rules));
    let matches = 0;
    const parsed = medianRate(o.passes, () => {
      matches = 0;
      for (let i = 0; i < o.events; i++) matches += matcher.matchEvent(objects[i % pool]).length;
      return o.events;
    });
    let rawMatches = matches;
    const raw = !o.raw
      ? { cpu: 0, wall: 0 }
      : medianRate(o.passes, () => {
          rawMatches = 0;
          for (let i = 0; i < o.events; i++) rawMatches += matcher.matchJson(texts[i % pool]).length;
          return o.events;
        });
    if (rawMatches !== matches)
      throw new Error(`raw and parsed disagree with ${n} rules: ${rawMatches} vs ${matches}`);
    results[n] = { parsed, raw, matchesPerEvent: matches / o.events };
    log(
      `| ${n.toLocaleString('en-US')} | ${formatRate(parsed.cpu)} | ${formatRate(parsed.wall)} | ${formatRate(raw.cpu)} | ${formatRate(raw.wall)} | ${(matches / o.events).toFixed(2)} |`,
    );
  }
  return { parseOnly, rules: results };
}

function main(): void {
  const o = parseOptions(process.argv.slice(2));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`node ${process.version}, ${o.passes} timed passes after a warm-up, median reported`);
  const citylots = o.citylots ? runCitylots(o, log) : undefined;
  const contact = o.contact ? runContact(o, log) : undefined;
  if (o.json) {
    log(
      JSON.stringify({
        parseOnly: citylots?.parseOnly,
        parseOnlyWall: citylots?.parseOnlyWall,
        sets: citylots?.sets,
        contact,
      }),
    );
  }
}

main();
