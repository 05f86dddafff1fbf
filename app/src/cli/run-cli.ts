import { ConfigError } from '../config.js';

/**
 * Runs a command-line entry point: a configuration problem prints one line per problem, any
 * other failure one line with its message, and both exit 1 without a stack trace.
 */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => undefined,
    (error: unknown) => {
      if (error instanceof ConfigError) {
        for (const problem of error.problems) process.stderr.write(`config: ${problem}\n`);
      } else {
        process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      }
      process.exitCode = 1;
    },
  );
}
