/**
 * One pending delivery of one event to one target. An item with a positive `id` is a row of the outbox;
 * a first attempt routed straight to its target's worker has a negative `id` and lives only in memory,
 * covered by the target's settled position (see `DeliveryStore.settledPositions`).
 */
export interface OutboxItem {
  readonly id: number;
  readonly targetKey: string;
  readonly position: number;
  readonly eventId: string;
  /** The rendered input the target receives. */
  readonly body: string;
  /** Attempts made so far. */
  readonly attempts: number;
  readonly ingestedAt: number;
  readonly dueAt: number;
}

export type NewDelivery = Pick<OutboxItem, 'targetKey' | 'position' | 'eventId' | 'body' | 'ingestedAt'> &
  Partial<Pick<OutboxItem, 'attempts' | 'dueAt'>>;

/** True for an item that is a row of the outbox, false for a first attempt held only in memory. */
export const isStored = (item: OutboxItem): boolean => item.id > 0;

/**
 * How far each target's deliveries are settled: every event up to `targets[key]` that matched the target
 * was delivered, dead-lettered or written to the outbox. `router` is where routing had reached when
 * they were saved (the start of a target saved without a position of its own).
 */
export interface SettledPositions {
  readonly router: number;
  readonly targets: ReadonlyMap<string, number>;
}

/** What the dead-letter store keeps, with the attributes EventBridge puts on a dead-lettered message. */
export interface DeadLetter {
  readonly id: number;
  readonly targetKey: string;
  readonly position: number;
  readonly eventId: string;
  readonly body: string;
  readonly ingestedAt: number;
  readonly errorCode: string;
  readonly errorMessage: string;
  /** `MaximumRetryAttempts`, `MaximumEventAgeInSeconds`, or null for an error retrying cannot heal. */
  readonly exhaustedRetryCondition: string | null;
  readonly retryAttempts: number;
  readonly ruleArn: string;
  readonly targetArn: string;
  readonly failedAt: number;
}

export type NewDeadLetter = Omit<DeadLetter, 'id'>;

export interface DeadLetterFilter {
  readonly targetKey?: string;
  readonly ids?: readonly number[];
  readonly limit?: number;
}

/**
 * The per-target outbox (deliveries that wait: retries, and first attempts a busy target could not hold
 * in memory), the settled position of each target, and the dead-letter store.
 */
export interface DeliveryStore {
  /** Adds deliveries (attempts and due time default to 0); returns the items created. */
  enqueue(items: readonly NewDelivery[]): OutboxItem[];
  settledPositions(): SettledPositions;
  /** Saves the router's position and the targets' positions given (the others keep theirs). */
  saveSettledPositions(positions: SettledPositions): void;
  /** Items of a target due at `now`, oldest first, skipping the ids in `exclude`. */
  due(targetKey: string, now: number, limit: number, exclude: ReadonlySet<number>): OutboxItem[];
  /** The earliest due time of a target's items due after `now`. */
  nextDueAt(targetKey: string, now: number): number | undefined;
  /** Takes a delivered item out of the outbox (nothing to do for an item held only in memory). */
  complete(item: OutboxItem): void;
  reschedule(id: number, attempts: number, dueAt: number): void;
  deadLetter(item: OutboxItem, letter: NewDeadLetter): void;
  backlog(targetKey: string): number;
  backlogs(): ReadonlyMap<string, number>;
  /** Forgets a target: its outbox items and its settled position. */
  dropTarget(targetKey: string): void;
  listDeadLetters(filter?: DeadLetterFilter): DeadLetter[];
  /** Moves dead letters back into the outbox, due now with no attempts made; returns how many. */
  redrive(filter: DeadLetterFilter, now: number): number;
  /** Deletes dead letters; returns how many. */
  purgeDeadLetters(filter: DeadLetterFilter): number;
  /** Writes what is buffered. */
  flush(): void;
  close(): void;
}
