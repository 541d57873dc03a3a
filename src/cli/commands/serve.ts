import type { Command } from 'commander';

interface ServeOptions {
  port: string;
  host: string;
  data: string;
  config?: string;
  demo?: boolean;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${value}`);
  return port;
}

export async function serve(options: ServeOptions): Promise<void> {
  // The server's modules (HTTP server and client, SQLite, the bus) load here, not when any command starts.
  const [{ loadBusConfig }, { DemoCenter }, { tuneCollectorForServing }, { startServer }] = await Promise.all(
    [
      import('../../bus/config.js'),
      import('../../platform/demo-center.js'),
      import('../../server/collector.js'),
      import('../../server/start.js'),
    ],
  );
  tuneCollectorForServing();
  const config = options.config ? loadBusConfig(options.config) : undefined;
  const demo = options.demo ? new DemoCenter() : undefined;
  const server = await startServer({
    dataDir: options.data,
    config,
    host: options.host,
    port: parsePort(options.port),
    extend: demo ? (app, context) => demo.mount(app, context) : undefined,
  });
  process.stdout.write(`listening on ${server.url}\n`);
  if (demo) {
    demo.start(server.bus, (error) => {
      process.stderr.write(`serve: the demo contact center stopped: ${String(error)}\n`);
    });
    process.stdout.write('demo contact center running (Amazon Connect API on the same address)\n');
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await demo?.stop();
  await server.close();
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Run the event bus: EventBridge API and /ingest over HTTP, durable log, rules and deliveries.',
    )
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option(
      '--host <host>',
      'address to listen on (non-loopback needs credentials in the config)',
      '127.0.0.1',
    )
    .option('--data <dir>', 'folder of the log, outbox, dead letters and registry', './data')
    .option('--config <file>', 'YAML file of credentials, endpoints, connections, API destinations and rules')
    .option(
      '--demo',
      'also run the built-in demo contact center in real time, its events published into the bus',
    )
    .action(serve);
}
