/** Messages between the SQLite log and its writer thread. */

export interface WriterSetup {
  readonly file: string;
  /** Sync the WAL after each commit before answering (the log's `FULL`). */
  readonly durable: boolean;
}

/** One group of appends (and cursor commits) made in the same turn of the event loop. */
export interface AppendGroup {
  readonly type: 'append';
  readonly group: number;
  readonly sources: readonly string[];
  readonly ids: readonly string[];
  readonly ingestedAt: readonly number[];
  readonly raws: readonly string[];
  /** Null where the canonical text is the raw text (stored once). */
  readonly canonicals: ReadonlyArray<string | null>;
  readonly cursors: ReadonlyArray<readonly [consumer: string, position: number]>;
}

export type ToWriter = AppendGroup | { readonly type: 'close' };

/**
 * The groups one commit (and one WAL sync) covered. `positions[i][j]` is entry j of group i's position,
 * negated when (source, id) was already stored.
 */
export interface GroupsCommitted {
  readonly type: 'committed';
  readonly groups: readonly number[];
  readonly positions: readonly Float64Array[];
  readonly syncMs: number;
  readonly synced: boolean;
}

export interface GroupsFailed {
  readonly type: 'failed';
  readonly groups: readonly number[];
  readonly message: string;
}

export type FromWriter = GroupsCommitted | GroupsFailed | { readonly type: 'closed' };
