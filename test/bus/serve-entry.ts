// Runs the CLI from source, so that tests can spawn `serve` without a build.
import { main } from '../../src/cli/main.js';

await main(process.argv);
