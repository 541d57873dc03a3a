import { writeHex16 } from '../ids/hex.js';

/** The largest seed: a generator is seeded with 32 bits, so a larger seed would repeat a smaller one's run. */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * A small, fast, seedable random source (sfc32 seeded through splitmix32). Every random choice of a run
 * comes from one of these, so a seed makes the whole run, ids included, repeat exactly.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An exponential variate with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A standard normal variate (Box-Muller; one of the pair is discarded to keep the state simple). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A derived, independent generator, so that adding draws in one concern does not shift another. */
  fork(salt: number): Rng {
    return new Rng((this.uint32() ^ Math.imul(salt + 1, 0x27d4eb2d)) >>> 0);
  }
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(n: number): string {
  return HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
}

/** A UUID's text is made here and read once as a string: no intermediate strings to collect. */
const UUID_TEXT = Buffer.alloc(36, 45);

/** A random (version 4) UUID drawn from `rng`. */
export function uuidFrom(rng: Rng): string {
  const a = rng.uint32();
  const b = (rng.uint32() & 0xffff0fff) | 0x4000;
  const c = (rng.uint32() & 0x3fffffff) | 0x80000000;
  const d = rng.uint32();
  writeHex16(UUID_TEXT, 0, a >>> 16);
  writeHex16(UUID_TEXT, 4, a & 0xffff);
  writeHex16(UUID_TEXT, 9, b >>> 16);
  writeHex16(UUID_TEXT, 14, b & 0xffff);
  writeHex16(UUID_TEXT, 19, c >>> 16);
  writeHex16(UUID_TEXT, 24, c & 0xffff);
  writeHex16(UUID_TEXT, 28, d >>> 16);
  writeHex16(UUID_TEXT, 32, d & 0xffff);
  return UUID_TEXT.toString('latin1', 0, 36);
}

/** A stable UUID-shaped id for a named resource (FNV-1a), so that ARNs do not change between runs. */
export function uuidFromName(kind: string, name: string): string {
  const text = `${kind}:${name}`;
  const words = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  for (let w = 0; w < 4; w++) {
    let h = words[w] >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    words[w] = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  }
  const b = hex32((words[1] & 0xffff0fff) | 0x4000);
  const c = hex32((words[2] & 0x3fffffff) | 0x80000000);
  return `${hex32(words[0])}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${hex32(words[3])}`;
}
