/**
 * The durable event log every ingest path writes to and every consumer reads from. It is an interface so
 * that the embedded SQLite log and a NATS JetStream stream can stand behind the same bus: positions are
 * stream sequences, consumers are durable consumers, de-duplication is JetStream's `Nats-Msg-Id` window.
 */
export interface LogEntry {
  /** The event's `id`; with `source` it is the de-duplication key. */
  readonly id: string;
  readonly source: string;
  /** The event as received (JSON text). */
  readonly raw: string;
  /** The event as rules see it (JSON text): the canonical form of a contact event, else `raw`. */
  readonly canonical: string;
  /** Milliseconds since the epoch at which the bus received the event. */
  readonly ingestedAt: number;
  /**
   * `canonical` as an object, when the producer has it at hand: never stored, only kept in memory with
   * the record until its first read (the router's, which follows the head), so that rules match without
   * parsing or scanning the text again. It must not be changed once appended.
   */
  readonly event?: object;
}

export interface LogRecord extends LogEntry {
  /** Strictly increasing, assigned at append; 1 is the first record. */
  readonly position: number;
}

export interface AppendResult {
  readonly position: number;
  /** True when (source, id) was already in the log: acknowledged, stored and delivered only once. */
  readonly duplicate: boolean;
}

export type AppendListener = (lastPosition: number) => void;

export interface EventLog {
  /**
   * Appends a batch and resolves once it is durable. Results are in the order of `entries`; a duplicate
   * (same source and id as a stored record, or as an earlier entry of the same batch) gets the position of
   * the first copy.
   */
  append(entries: readonly LogEntry[]): Promise<AppendResult[]>;
  /** Up to `limit` records with position > `after`, in position order. */
  read(after: number, limit: number): Promise<LogRecord[]>;
  /** The record at `position`, if it exists. */
  get(position: number): Promise<LogRecord | undefined>;
  /** The position of the last durable record (0 when empty). */
  lastPosition(): number;
  /** The named consumer's committed position (0 when it never committed). */
  getCursor(consumer: string): Promise<number>;
  commitCursor(consumer: string, position: number): Promise<void>;
  /** Called after every durable append that stored at least one new record; returns an unsubscribe. */
  onAppend(listener: AppendListener): () => void;
  /** Appends waiting for their commit: the log's own backlog, used for backpressure. */
  pendingAppends(): number;
  close(): Promise<void>;
}

export class EventLogClosedError extends Error {
  override readonly name = 'EventLogClosedError';
  constructor(options?: ErrorOptions) {
    super('the event log is closed', options);
  }
}
