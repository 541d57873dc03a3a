/** One pending delivery of one event to one target. */
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

export type NewDelivery = Pick<OutboxItem, 'targetKey' | 'position' | 'eventId' | 'body' | 'ingestedAt'>;

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
 * The per-target outbox between the router and the targets, and the dead-letter store. The router's
 * position is kept with the outbox so that fanning an event out and remembering it was fanned out are
 * one step.
 */
export interface DeliveryStore {
  /** Adds deliveries and records the router's position; returns the items created. */
  enqueue(items: readonly NewDelivery[], routerPosition?: number): OutboxItem[];
  routerPosition(): number;
  /** Items of a target due at `now`, oldest first, skipping the ids in `exclude`. */
  due(targetKey: string, now: number, limit: number, exclude: ReadonlySet<number>): OutboxItem[];
  /** The earliest due time of a target's items due after `now`. */
  nextDueAt(targetKey: string, now: number): number | undefined;
  complete(item: OutboxItem): void;
  reschedule(id: number, attempts: number, dueAt: number): void;
  deadLetter(item: OutboxItem, letter: NewDeadLetter): void;
  backlog(targetKey: string): number;
  backlogs(): ReadonlyMap<string, number>;
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
