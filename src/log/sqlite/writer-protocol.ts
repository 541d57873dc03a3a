/** Messages between the SQLite log and its writer thread. */

export interface WriterSetup {
  readonly file: string;
  /** Sync the WAL after each commit before answering (the log's `FULL`). */
  readonly durable: boolean;
}

/**
 * One group of appends (and cursor commits) made in the same turn of the event loop. The entries' texts
 * travel as a few strings cut by `lengths` (source, id, raw, canonical for each entry; a canonical length
 * of -1 means "same as raw", stored once): copying a few strings to the writer costs far less than copying
 * four per entry. An entry never spans two texts; the next entry starts in the next text once one is used
 * up.
 */
export interface AppendGroup {
  readonly type: 'append';
  readonly group: number;
  readonly count: number;
  readonly texts: readonly string[];
  readonly lengths: Int32Array;
  readonly ingestedAt: Float64Array;
  readonly cursors: ReadonlyArray<readonly [consumer: string, position: number]>;
}

/** The fields of entry `i` of a group, in the order `lengths` gives them. */
export const FIELDS_PER_ENTRY = 4;

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

/** The checkpointer's settings. */
export interface CheckpointSetup {
  readonly file: string;
  /** How often a PASSIVE checkpoint copies what the WAL holds into the database. */
  readonly intervalMs: number;
  /** A WAL holding this many bytes of frames is restarted (a RESTART checkpoint). */
  readonly restartBytes: number;
}

export type ToCheckpointer = { readonly type: 'close' };

export type FromCheckpointer =
  | { readonly type: 'checkpoint-failed'; readonly message: string }
  | { readonly type: 'closed' };
