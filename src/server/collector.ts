import { setFlagsFromString } from 'node:v8';

/**
 * Tunes V8's collector for a process that serves the bus. V8 allocates the objects of a code site straight
 * into the old generation once most of them have survived a young-generation collection ("allocation-site
 * pretenuring"). A burst decides that for the delivery path (thousands of deliveries waiting), and the
 * decision stays after the burst: every delivery's promises and closures then go to the old generation,
 * where, dead, they keep the young objects they point to alive at each scavenge until the next full
 * collection. At 10,000 events a second after a burst, each scavenge then promoted two to four times as
 * much and paused 1.5 to 2 times as long (BENCHMARKS.md). Without pretenuring, short-lived objects die
 * young after any burst. The flag is read at each collection, so setting it once the process runs takes
 * effect.
 */
export function tuneCollectorForServing(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
