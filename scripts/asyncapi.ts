/**
 * Writes the AsyncAPI 3.0 document of the event streams (contracts/src/asyncapi.ts), the same
 * one the gateway serves at GET /api/asyncapi.json.
 *
 *   npx tsx scripts/asyncapi.ts [--out PATH]     (default: stdout)
 *
 * Environment: KAFKA_REPLICATION_FACTOR (default 1), the replicas scripts/provision.ts gave the topics.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { asyncApiDocument } from '@smartcourse/contracts';

const USAGE = 'usage: npx tsx scripts/asyncapi.ts [--out PATH]';

function replicationFactor(env: NodeJS.ProcessEnv): number {
  const value = Number(env.KAFKA_REPLICATION_FACTOR ?? '1');
  if (!Number.isInteger(value) || value < 1) throw new Error(`KAFKA_REPLICATION_FACTOR must be a positive integer, got "${env.KAFKA_REPLICATION_FACTOR}"`);
  return value;
}

function main(): void {
  const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const text = `${JSON.stringify(asyncApiDocument({ replicationFactor: replicationFactor(process.env) }), null, 2)}\n`;
  if (values.out === undefined) {
    process.stdout.write(text);
    return;
  }
  writeFileSync(values.out, text);
  console.error(`wrote ${values.out}`);
}

try {
  main();
} catch (error) {
  console.error(`asyncapi: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exitCode = 1;
}
