import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./serve-entry.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Spawned {
  readonly child: ChildProcess;
  readonly url: string;
  /** Resolves with the exit code or signal. */
  readonly exited: Promise<string>;
}

/** Starts `contact-events serve` in its own process and resolves once it prints its address. */
export function spawnServe(args: string[]): Promise<Spawned> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, 'serve', '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1], exited });
    });
    void exited.then((how) => reject(new Error(`serve exited (${how}) before listening: ${err}`)));
  });
}
