import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { SqliteDeliveryStore } from '../../delivery/sqlite-store.js';
import type { DeadLetter, DeadLetterFilter } from '../../delivery/store.js';

interface DlqOptions {
  data: string;
  target?: string;
  id?: string[];
  limit?: string;
  json?: boolean;
}

function openStore(data: string): SqliteDeliveryStore {
  const file = join(data, 'delivery.db');
  if (!existsSync(file)) throw new Error(`no delivery store in ${data} (is --data right?)`);
  return new SqliteDeliveryStore(file);
}

function filterOf(options: DlqOptions): DeadLetterFilter {
  const ids = options.id?.map((id) => {
    const n = Number(id);
    if (!Number.isInteger(n) || n < 1) throw new Error(`invalid dead-letter id ${id}`);
    return n;
  });
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  return { targetKey: options.target, ids, limit };
}

function describeLetter(l: DeadLetter): string {
  const condition = l.exhaustedRetryCondition ?? 'none (not retryable)';
  return [
    `#${l.id} ${new Date(l.failedAt).toISOString()} target ${l.targetKey} event ${l.eventId}`,
    `  ErrorCode: ${l.errorCode}`,
    `  ErrorMessage: ${l.errorMessage}`,
    `  ExhaustedRetryCondition: ${condition}`,
    `  RetryAttempts: ${l.retryAttempts}`,
    `  RuleArn: ${l.ruleArn}`,
    `  TargetArn: ${l.targetArn}`,
  ].join('\n');
}

function withStore<T>(options: DlqOptions, fn: (store: SqliteDeliveryStore) => T): T {
  const store = openStore(options.data);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

export function listDeadLetters(options: DlqOptions): string {
  return withStore(options, (store) => {
    const letters = store.listDeadLetters(filterOf(options));
    if (options.json) return letters.map((l) => JSON.stringify(l)).join('\n');
    if (letters.length === 0) return 'no dead letters';
    return letters.map(describeLetter).join('\n');
  });
}

export function redriveDeadLetters(options: DlqOptions, now = Date.now()): string {
  return withStore(options, (store) => {
    const n = store.redrive(filterOf(options), now);
    return `re-drove ${n} dead letter${n === 1 ? '' : 's'}; a running server picks them up within seconds`;
  });
}

export function purgeDeadLetters(options: DlqOptions): string {
  return withStore(options, (store) => `deleted ${store.purgeDeadLetters(filterOf(options))} dead letters`);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function common(command: Command): Command {
  return command
    .option('--data <dir>', 'data folder of the bus', './data')
    .option('--target <key>', 'only this target: RULE/TARGET_ID')
    .option('--id <id>', 'only this dead letter (repeatable)', collect)
    .option('--limit <n>', 'at most this many');
}

export function registerDlqCommand(program: Command): void {
  const dlq = program.command('dlq').description("Inspect and re-drive the bus's dead-letter store.");
  common(dlq.command('list').description('List dead letters with their reasons.'))
    .option('--json', 'one JSON object per line, with the event body')
    .action((options: DlqOptions) => {
      process.stdout.write(`${listDeadLetters(options)}\n`);
    });
  common(
    dlq.command('redrive').description('Send dead letters to their target again, with fresh retries.'),
  ).action((options: DlqOptions) => {
    process.stdout.write(`${redriveDeadLetters(options)}\n`);
  });
  common(dlq.command('purge').description('Delete dead letters.')).action((options: DlqOptions) => {
    process.stdout.write(`${purgeDeadLetters(options)}\n`);
  });
}
