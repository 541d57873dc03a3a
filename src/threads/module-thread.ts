import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Running from source (tests, tsx): thread modules are TypeScript too and are loaded through tsx. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * Starts a worker thread on one of the package's modules, given by its built name (`.js`). From source
 * the `.ts` module is run instead: tsx's ESM API registers its hooks in the new thread first.
 */
export function startModuleThread(builtModule: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!FROM_SOURCE) return new Worker(builtModule, options);
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const entry = builtModule.href.replace(/\.js$/, '.ts');
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
