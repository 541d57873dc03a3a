/**
 * Speed of the contact event model: canonicalize + validate, against JSON.parse of the same bytes.
 * Run: npm run bench:model   (tsx bench/model.bench.ts [contacts] [passes])
 */
import { cpus, loadavg } from 'node:os';
import { checkContactEvent, checkContactEventText } from '../src/model/index.js';
import { buildCorpus } from './model-corpus.js';

const contacts = Number(process.argv[2] ?? 2000);
const passes = Number(process.argv[3] ?? 27);

interface Workload {
  name: string;
  texts: string[];
  objects: unknown[];
}

function workload(name: string, texts: string[]): Workload {
  return { name, texts, objects: texts.map((t) => JSON.parse(t)) };
}

/**
 * Events per second of one pass of `run` over `count` events. Time is the process's CPU time (user +
 * system), so that other programs on the shared cores do not count as ours; it includes the garbage
 * collector's threads.
 */
function rate(count: number, run: () => number): number {
  const started = process.cpuUsage();
  if (run() === -1) console.log('unreachable');
  const used = process.cpuUsage(started);
  return count / ((used.user + used.system) / 1e6);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Measure {
  parse: number;
  check: number;
  checkBest: number;
  /** Median over passes of check / parse measured back to back: steadier than a ratio of medians. */
  ratio: number;
  text: number;
  bytes: number;
}

function measure(w: Workload, repeat: number, rounds: number): Measure {
  const n = w.texts.length * repeat;
  const parsePass = () => {
    let ok = 0;
    for (let r = 0; r < repeat; r++) for (const t of w.texts) ok += JSON.parse(t) ? 1 : 0;
    return ok;
  };
  const checkPass = () => {
    let ok = 0;
    for (let r = 0; r < repeat; r++) for (const o of w.objects) ok += checkContactEvent(o).ok ? 1 : 0;
    return ok;
  };
  const textPass = () => {
    let ok = 0;
    for (let r = 0; r < repeat; r++) for (const t of w.texts) ok += checkContactEventText(t).ok ? 1 : 0;
    return ok;
  };
  for (const warmUp of [parsePass, checkPass, textPass]) rate(n, warmUp);
  const parse: number[] = [];
  const check: number[] = [];
  const text: number[] = [];
  const ratios: number[] = [];
  // The three measurements alternate pass by pass, so that a noisy neighbour on the cores hits all alike.
  for (let p = 0; p < rounds; p++) {
    parse.push(rate(n, parsePass));
    check.push(rate(n, checkPass));
    text.push(rate(n, textPass));
    ratios.push(check[p] / parse[p]);
  }
  const bytes = w.texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / w.texts.length;
  return {
    parse: median(parse),
    check: median(check),
    checkBest: Math.max(...check),
    ratio: median(ratios),
    text: median(text),
    bytes,
  };
}

function verify(w: Workload): void {
  const bad = w.objects.filter((o) => !checkContactEvent(o).ok).length;
  if (bad > 0) throw new Error(`${bad} events of ${w.name} are invalid: the corpus is wrong`);
}

const corpus = buildCorpus(contacts);
const workloads = [
  workload('modern (camelCase, as emitted today)', corpus.modern),
  workload('variants (seed samples, PascalCase)', corpus.variants),
  workload('mixed (10 modern : 1 variant)', [...corpus.modern, ...corpus.variants]),
];
workloads.forEach(verify);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(
  `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ` +
    `load average ${loadavg()[0].toFixed(1)}; median of ${passes} passes; events per CPU-second of this process`,
);
console.log(
  '| workload | events | bytes/event | JSON.parse ev/s | canonicalize+validate ev/s | ratio | best pass ev/s | parse+check ev/s |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
let slowest = Number.POSITIVE_INFINITY;
let lowestRatio = Number.POSITIVE_INFINITY;
for (const w of workloads) {
  const repeat = Math.max(1, Math.ceil(20_000 / w.texts.length));
  const m = measure(w, repeat, passes);
  slowest = Math.min(slowest, m.check);
  lowestRatio = Math.min(lowestRatio, m.ratio);
  console.log(
    `| ${w.name} | ${w.texts.length} | ${Math.round(m.bytes)} | ${fmt(m.parse)} | ${fmt(m.check)} | ${m.ratio.toFixed(2)} | ${fmt(m.checkBest)} | ${fmt(m.text)} |`,
  );
}
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
console.log(`goal >= 300,000 events/s (slowest workload ${fmt(slowest)}): ${verdict(slowest >= 300_000)}`);
console.log(
  `goal ratio >= 1.0 to JSON.parse (lowest ${lowestRatio.toFixed(2)}): ${verdict(lowestRatio >= 1)}`,
);
