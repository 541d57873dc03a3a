interface Entry<V> {
  readonly affix: string;
  readonly items: V[];
}

/**
 * Above this length an affix is probed by its text (a substring of the value, hashed natively) rather
 * than by the hash computed here one character at a time, which grows with the affix (ARNs run to 90
 * characters).
 */
const LONG_AFFIX = 24;

/**
 * Prefixes (or suffixes) found by lookup, never by a scan over the rules, probed once per distinct
 * affix length. Short affixes: a value's candidate affixes are hashed incrementally, one character at
 * a time, with no substring allocation, and a hit is confirmed with startsWith / endsWith. Long ones:
 * the value's substring of each long length is looked up as text.
 */
export class AffixIndex<V> {
  readonly #byHash = new Map<number, Array<Entry<V>>>();
  readonly #byText = new Map<string, V[]>();
  readonly #lengthCounts = new Map<number, number>();
  /** Distinct affix lengths, ascending. */
  lengths: number[] = [];
  readonly #suffix: boolean;

  constructor(kind: 'prefix' | 'suffix') {
    this.#suffix = kind === 'suffix';
  }

  get isEmpty(): boolean {
    return this.lengths.length === 0;
  }

  add(affix: string, item: V): void {
    this.#count(affix.length, 1);
    if (affix.length > LONG_AFFIX) {
      const items = this.#byText.get(affix);
      if (items) items.push(item);
      else this.#byText.set(affix, [item]);
      return;
    }
    const h = this.#hashOf(affix);
    let bucket = this.#byHash.get(h);
    if (bucket === undefined) {
      bucket = [];
      this.#byHash.set(h, bucket);
    }
    const entry = bucket.find((e) => e.affix === affix);
    if (entry) entry.items.push(item);
    else bucket.push({ affix, items: [item] });
  }

  remove(affix: string, item: V): void {
    if (affix.length > LONG_AFFIX) {
      const items = this.#byText.get(affix);
      const i = items?.indexOf(item) ?? -1;
      if (items === undefined || i < 0) return;
      items.splice(i, 1);
      if (items.length === 0) this.#byText.delete(affix);
      this.#count(affix.length, -1);
      return;
    }
    const h = this.#hashOf(affix);
    const bucket = this.#byHash.get(h);
    const at = bucket?.findIndex((e) => e.affix === affix) ?? -1;
    if (bucket === undefined || at < 0) return;
    const items = bucket[at].items;
    const i = items.indexOf(item);
    if (i < 0) return;
    items.splice(i, 1);
    if (items.length === 0) bucket.splice(at, 1);
    if (bucket.length === 0) this.#byHash.delete(h);
    this.#count(affix.length, -1);
  }

  /** Counts affixes by length, keeping `lengths` the distinct ones. */
  #count(length: number, delta: number): void {
    const n = (this.#lengthCounts.get(length) ?? 0) + delta;
    if (n > 0) this.#lengthCounts.set(length, n);
    else this.#lengthCounts.delete(length);
    if (n === 0 || (n === 1 && delta > 0)) this.#refreshLengths();
  }

  /** Calls `hit` with the items of every affix of `value`. */
  forEachMatch(value: string, hit: (items: V[]) => void): void {
    const lengths = this.lengths;
    const size = value.length;
    const suffix = this.#suffix;
    let h = 0;
    let read = 0;
    for (let i = 0; i < lengths.length; i++) {
      const len = lengths[i];
      if (len > size) return;
      if (len > LONG_AFFIX) {
        const items = this.#byText.get(suffix ? value.slice(size - len) : value.slice(0, len));
        if (items !== undefined) hit(items);
        continue;
      }
      for (; read < len; read++) {
        h = (Math.imul(h, 31) + value.charCodeAt(suffix ? size - 1 - read : read)) | 0;
      }
      const bucket = this.#byHash.get(h);
      if (bucket === undefined) continue;
      for (let j = 0; j < bucket.length; j++) {
        const affix = bucket[j].affix;
        if (affix.length === len && (suffix ? value.endsWith(affix) : value.startsWith(affix)))
          hit(bucket[j].items);
      }
    }
  }

  /** The hash `forEachMatch` computes for an affix: over its characters from the anchored end. */
  #hashOf(affix: string): number {
    let h = 0;
    const n = affix.length;
    for (let i = 0; i < n; i++) h = (Math.imul(h, 31) + affix.charCodeAt(this.#suffix ? n - 1 - i : i)) | 0;
    return h;
  }

  #refreshLengths(): void {
    this.lengths = [...this.#lengthCounts.keys()].sort((a, b) => a - b);
  }
}
