import { type Static, Type } from '@sinclair/typebox';
import { EmulatorConfigError } from './errors.js';
import type { Rng } from './rng.js';

const Seconds = Type.Number({ minimum: 0 });
const MeanSd = Type.Object(
  { mean: Type.Number({ exclusiveMinimum: 0 }), sd: Type.Number({ minimum: 0 }) },
  { additionalProperties: false },
);

/**
 * A distribution of seconds in a scenario: a number (fixed), or one of
 * `{fixed: s}`, `{exponential: mean}`, `{uniform: [min, max]}`, `{lognormal: {mean, sd}}`, `{normal: {mean, sd}}`.
 */
export const DistributionSchema = Type.Union(
  [
    Seconds,
    Type.Object({ fixed: Seconds }, { additionalProperties: false }),
    Type.Object({ exponential: Type.Number({ exclusiveMinimum: 0 }) }, { additionalProperties: false }),
    Type.Object({ uniform: Type.Tuple([Seconds, Seconds]) }, { additionalProperties: false }),
    Type.Object({ lognormal: MeanSd }, { additionalProperties: false }),
    Type.Object({ normal: MeanSd }, { additionalProperties: false }),
  ],
  {
    description:
      'a distribution of seconds: a number, {fixed: s}, {exponential: mean}, {uniform: [min, max]}, {lognormal: {mean, sd}} or {normal: {mean, sd}}',
  },
);
export type DistributionSpec = Static<typeof DistributionSchema>;

/** Draws milliseconds (never negative). */
export type Sampler = (rng: Rng) => number;

export function sampler(spec: DistributionSpec | undefined, fallbackSeconds: number, where: string): Sampler {
  if (spec === undefined) return () => fallbackSeconds * 1000;
  if (typeof spec === 'number') return () => spec * 1000;
  if ('fixed' in spec) return () => spec.fixed * 1000;
  if ('exponential' in spec) return (rng) => rng.exponential(spec.exponential) * 1000;
  if ('uniform' in spec) {
    const [lo, hi] = spec.uniform;
    return (rng) => (lo + rng.next() * (hi - lo)) * 1000;
  }
  if ('lognormal' in spec) {
    const { mean, sd } = spec.lognormal;
    const s2 = Math.log(1 + (sd * sd) / (mean * mean));
    const mu = Math.log(mean) - s2 / 2;
    const s = Math.sqrt(s2);
    return (rng) => Math.exp(mu + s * rng.normal()) * 1000;
  }
  if ('normal' in spec) {
    const { mean, sd } = spec.normal;
    return (rng) => Math.max(0, mean + sd * rng.normal()) * 1000;
  }
  throw new EmulatorConfigError(`${where}: unknown distribution ${JSON.stringify(spec)}`);
}

/** Picks a key of `weights` in proportion to its weight. */
export function weighted<K extends string>(weights: Partial<Record<K, number>>): (rng: Rng) => K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  if (entries.length === 0 || !(total > 0)) throw new EmulatorConfigError('a mix needs positive weights');
  return (rng) => {
    let x = rng.next() * total;
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    return entries[entries.length - 1][0];
  };
}
