import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { InvalidEventPatternError } from '../../patterns/errors.js';
import { RuleMatcher } from '../../patterns/rule-matcher.js';
import { EXIT_ERROR, EXIT_MATCH, EXIT_NO_MATCH, readJsonArgument } from './test-pattern.js';

/** Where the command reads and writes; the defaults are the process's own streams and files. */
export interface GrepIo {
  readFile(file: string): Promise<string>;
  /** The input, streamed: a file, or standard input for `-`. */
  openInput(file: string): Readable;
  /** Writes output; a returned promise means "wait before writing more" (backpressure). */
  write(text: string): undefined | Promise<unknown>;
  err(line: string): void;
  setExitCode(code: number): void;
}

const processIo: GrepIo = {
  readFile: (file) => readFile(file, 'utf8'),
  openInput: (file) => (file === '-' ? process.stdin : createReadStream(file)),
  write: (text) => (process.stdout.write(text) ? undefined : once(process.stdout, 'drain')),
  err: (line) => process.stderr.write(`${line}\n`),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

export interface GrepOptions {
  pattern: string;
  count?: boolean;
}

export function registerGrepCommand(program: Command, io: GrepIo = processIo): void {
  program
    .command('grep')
    .description(
      'Print the lines of NDJSON events that match an EventBridge event pattern, like grep; the input is streamed line by line through the raw-text matcher. Exit 0 if any line matched, 1 if none, 2 on an invalid pattern.',
    )
    .requiredOption('--pattern <json|@file>', 'the event pattern, inline JSON or @file')
    .option('-c, --count', 'print only the number of matching lines')
    .argument('[file]', 'NDJSON file to read, or - for standard input', '-')
    .action(async (file: string, options: GrepOptions) => {
      io.setExitCode(await runGrep(file, options, io));
    });
}

/** Runs the command and returns its exit code. Lines that are not JSON objects never match. */
export async function runGrep(file: string, options: GrepOptions, io: GrepIo): Promise<number> {
  const matcher = new RuleMatcher();
  try {
    matcher.addRule('pattern', await readJsonArgument(options.pattern, io.readFile));
  } catch (error) {
    if (error instanceof InvalidEventPatternError) io.err(`${error.code}: ${error.message}`);
    else io.err(`cannot read the pattern: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_ERROR;
  }
  let count = 0;
  try {
    const lines = createInterface({ input: io.openInput(file), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (matcher.matchJson(line).length === 0) continue;
      count++;
      if (!options.count) await io.write(`${line}\n`);
    }
  } catch (error) {
    io.err(
      `cannot read ${file === '-' ? 'standard input' : file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT_ERROR;
  }
  if (options.count) await io.write(`${count}\n`);
  return count > 0 ? EXIT_MATCH : EXIT_NO_MATCH;
}
