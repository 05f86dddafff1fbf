import { ConfigError, loadConfig } from '../config.js';
import { startServer, stopOnSignals } from '../server.js';

// The process entry of the image (`node dist/cli/serve.js`: the Dockerfile's CMD and
// `npm start --workspace app`): config from the environment, read once, then serve until
// SIGTERM. A configuration problem prints one line per problem, any other startup failure one
// line; both exit 1 at once, since a half-started server (an open pool, a bound port) would
// otherwise keep the process alive.
async function serve(): Promise<void> {
  stopOnSignals(await startServer(loadConfig(process.env)));
}

serve().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) process.stderr.write(`config: ${problem}\n`);
  } else {
    process.stderr.write(`startup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
