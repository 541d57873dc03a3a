/** A multimap from keys to the items filed under them, with removal of one filing. */
export class BucketMap<K, V> {
  readonly map = new Map<K, V[]>();

  add(key: K, item: V): void {
    const list = this.map.get(key);
    if (list) list.push(item);
    else this.map.set(key, [item]);
  }

  /** Removes one filing of `item` under `key`; returns whether the key is now empty. */
  remove(key: K, item: V): boolean {
    const list = this.map.get(key);
    if (!list) return true;
    removeOne(list, item);
    if (list.length > 0) return false;
    this.map.delete(key);
    return true;
  }

  get size(): number {
    return this.map.size;
  }
}

export function removeOne<V>(list: V[], item: V): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}
