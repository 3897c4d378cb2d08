/** The scripts' messages on stderr, and the error that ends a command with one. */

export function log(message: string): void {
  process.stderr.write(`\x1b[1;34m[infra]\x1b[0m ${message}\n`);
}

export function ok(message: string): void {
  process.stderr.write(`\x1b[1;32m[infra]\x1b[0m ${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`\x1b[1;33m[infra] warning:\x1b[0m ${message}\n`);
}

/** A failure the command reports in one line and exits 1 for (the entry point prints it). */
export class Fatal extends Error {}

export function die(message: string): never {
  throw new Fatal(message);
}

export function printFatal(error: unknown): void {
  const message = error instanceof Fatal ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`\x1b[1;31m[infra] error:\x1b[0m ${message}\n`);
}
