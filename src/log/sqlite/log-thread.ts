import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Running from source (tests, tsx): the threads are TypeScript too and is loaded through tsx. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** One of the log's threads (`<name>.js` beside this file), loaded through tsx when running from source. */
export function logThread(name: 'writer-thread' | 'checkpoint-thread', setup: object): Worker {
  if (!FROM_SOURCE) return new Worker(new URL(`./${name}.js`, import.meta.url), { workerData: setup });
  // tsx's ESM API registers its hooks in this thread; the module is imported after them.
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const entry = new URL(`./${name}.ts`, import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}
