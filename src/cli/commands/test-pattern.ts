import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InvalidEventPatternError } from '../../patterns/errors.js';
import { testEventPattern } from '../../patterns/test-event-pattern.js';

/** Where the command reads and writes; the defaults are the process's own streams and files. */
export interface TestPatternIo {
  readFile(file: string): Promise<string>;
  out(line: string): void;
  err(line: string): void;
  setExitCode(code: number): void;
}

const processIo: TestPatternIo = {
  readFile: (file) => readFile(file, 'utf8'),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** Exit codes: 0 match, 1 no match, 2 invalid pattern or unreadable input (as `grep`). */
export const EXIT_MATCH = 0;
export const EXIT_NO_MATCH = 1;
export const EXIT_ERROR = 2;

/** A `<JSON|@file>` argument: inline JSON text, or `@path` to read the text from a file. */
export async function readJsonArgument(
  value: string,
  read: (file: string) => Promise<string>,
): Promise<string> {
  return value.startsWith('@') ? read(value.slice(1)) : value;
}

export function registerTestPatternCommand(program: Command, io: TestPatternIo = processIo): void {
  program
    .command('test-pattern')
    .description(
      'Test an EventBridge event pattern against one event, as the TestEventPattern API does: prints true or false; exit 0 on match, 1 on no match, 2 on an invalid pattern (reason on stderr).',
    )
    .requiredOption('--pattern <json|@file>', 'the event pattern, inline JSON or @file')
    .requiredOption('--event <json|@file>', 'the event, inline JSON or @file')
    .action(async (options: { pattern: string; event: string }) => {
      io.setExitCode(await runTestPattern(options, io));
    });
}

/** Runs the command and returns its exit code. */
export async function runTestPattern(
  options: { pattern: string; event: string },
  io: TestPatternIo,
): Promise<number> {
  let pattern: string;
  let event: string;
  try {
    pattern = await readJsonArgument(options.pattern, io.readFile);
    event = await readJsonArgument(options.event, io.readFile);
  } catch (error) {
    io.err(`cannot read input: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_ERROR;
  }
  if (!isJsonObjectText(event)) {
    io.err('InvalidEventPatternException: Event is not a valid JSON object');
    return EXIT_ERROR;
  }
  try {
    const matched = testEventPattern(pattern, event);
    io.out(String(matched));
    return matched ? EXIT_MATCH : EXIT_NO_MATCH;
  } catch (error) {
    if (!(error instanceof InvalidEventPatternError)) throw error;
    io.err(`${error.code}: ${error.message}`);
    return EXIT_ERROR;
  }
}

function isJsonObjectText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
