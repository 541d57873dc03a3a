import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { checkContactEvent } from '../../model/check.js';
import { type EventDocument, readEventDocuments } from '../../model/event-documents.js';
import type { CheckResult, ModelIssue } from '../../model/issues.js';

/** Where the command reads and writes; the defaults are the process's own streams. */
export interface ValidateIo {
  readInput(file: string): Promise<string>;
  out(line: string): void;
  err(line: string): void;
  setExitCode(code: number): void;
}

export interface ValidateOptions {
  canonical?: boolean;
  lenient?: boolean;
}

const processIo: ValidateIo = {
  readInput: (file) => (file === '-' ? readStdin() : readFile(file, 'utf8')),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

export function registerValidateCommand(program: Command, io: ValidateIo = processIo): void {
  program
    .command('validate')
    .description(
      'Check Amazon Connect contact events (one JSON event, a JSON array, or NDJSON): one line per event, exit 1 if any is invalid.',
    )
    .argument('[file]', 'file to read, or - for standard input', '-')
    .option(
      '--canonical',
      'write the canonical form of each valid event to stdout as NDJSON (report goes to stderr)',
    )
    .option('--lenient', 'accept JSON5 syntax such as trailing commas (documentation samples)')
    .action(async (file: string, options: ValidateOptions) => {
      const text = await io.readInput(file);
      io.setExitCode(runValidate(text, options, io));
    });
}

/** Checks every event of `text`, reports one line per event, and returns the exit code. */
export function runValidate(
  text: string,
  options: ValidateOptions,
  io: Pick<ValidateIo, 'out' | 'err'>,
): number {
  const report = options.canonical ? io.err : io.out;
  const documents = readEventDocuments(text, { lenient: options.lenient });
  if (documents.length === 0) {
    io.err('no event found in the input');
    return 1;
  }
  let invalid = 0;
  let warned = 0;
  for (const document of documents) {
    const result = document.error ? undefined : checkContactEvent(document.value);
    report(reportLine(document, result));
    if (!result?.ok) invalid++;
    else if (result.warnings.length > 0) warned++;
    if (options.canonical && result?.ok) io.out(JSON.stringify(result.canonical));
  }
  const total = documents.length;
  io.err(
    `${total} event${total === 1 ? '' : 's'}: ${total - invalid} valid (${warned} with warnings), ${invalid} invalid`,
  );
  return invalid > 0 ? 1 : 0;
}

function reportLine(document: EventDocument, result: CheckResult | undefined): string {
  if (document.error) return `${document.label}: invalid: ${document.error.message}`;
  if (!result) return `${document.label}: invalid`;
  if (!result.ok)
    return `${document.label}: invalid: ${count(result.errors.length, 'error')}: ${issues(result.errors)}`;
  if (result.warnings.length > 0) {
    return `${document.label}: ok with ${count(result.warnings.length, 'warning')}: ${issues(result.warnings)}`;
  }
  return `${document.label}: ok`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function issues(list: ModelIssue[]): string {
  return list.map(formatIssue).join('; ');
}

export function formatIssue(issue: ModelIssue): string {
  const detail = [
    issue.expected === undefined ? undefined : `expected ${issue.expected}`,
    issue.found === undefined ? undefined : `found ${issue.found}`,
  ].filter((part) => part !== undefined);
  return `${issue.path} ${issue.message}${detail.length > 0 ? ` (${detail.join(', ')})` : ''}`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
