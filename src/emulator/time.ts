import { flat } from './flat-string.js';

const DAY = 86_400_000;
const P2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const P3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * Formats timestamps of one day at a time: the date part is formatted once per day, the time of day by
 * table lookups. A pure memo (the output depends on the input alone), several times faster than
 * `Date.prototype.toISOString`, which the emulator calls for nearly every field it sets.
 */
class IsoFormatter {
  private day = Number.NaN;
  private prefix = '';
  /** The last second formatted, up to its milliseconds: most timestamps of a run fall in the current second. */
  private second = Number.NaN;
  private secondPrefix = '';

  format(ms: number): string {
    const t = Math.round(ms);
    const rest = t % DAY;
    if (t < 0 || !Number.isFinite(t)) return new Date(t).toISOString();
    const milli = rest % 1000;
    const second = t - milli;
    if (second !== this.second) {
      const day = t - rest;
      if (day !== this.day) {
        this.day = day;
        this.prefix = new Date(day).toISOString().slice(0, 11);
      }
      const h = Math.floor(rest / 3_600_000);
      const m = Math.floor((rest % 3_600_000) / 60_000);
      const s = Math.floor((rest % 60_000) / 1000);
      this.second = second;
      this.secondPrefix = flat(`${this.prefix}${P2[h]}:${P2[m]}:${P2[s]}.`);
    }
    return flat(`${this.secondPrefix}${P3[milli]}Z`);
  }
}

const formatter = new IsoFormatter();

/** `yyyy-MM-ddTHH:mm:ss.SSSZ`, the form of every timestamp inside a contact event. */
export function iso(ms: number): string {
  return formatter.format(ms);
}

/** The envelope's `time`: whole seconds. */
export function isoSeconds(ms: number): string {
  return flat(`${iso(ms - (ms % 1000)).slice(0, 19)}Z`);
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `90s`, `15m`, `24h`, `2d`, `1h30m` or a number of seconds into milliseconds. */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') return text * 1000;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
    throw new RangeError(`not a duration: "${text}" (use e.g. 90s, 15m, 24h, 2d)`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]], 0);
}
