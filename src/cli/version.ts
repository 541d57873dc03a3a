import { readFileSync } from 'node:fs';

/** The version of the installed package, read from its package.json so there is one source of truth. */
export function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}
