/**
 * The declared topology (contracts/src/topology.ts) as shell-readable lines:
 *   scripts/topology.ts             `name|entry|port` per process, in start order (services, then
 *                                   the gateway); read by scripts/lib/apps.sh, stopping runs in reverse
 *   scripts/topology.ts databases   `URL_VARIABLE database` per Postgres database of a process;
 *                                   read by scripts/lib/infra.sh for the env file
 */
// The file itself, not the package index: the shell scripts wait for this on every start.
import { startOrder } from '../contracts/src/topology.js';

const lines =
  process.argv[2] === 'databases'
    ? startOrder.flatMap((p) => p.stores.flatMap((store) => (store.kind === 'postgres' ? [`${store.urlEnv} ${store.database}`] : [])))
    : startOrder.map((p) => `${p.name}|${p.entry}|${p.port}`);
process.stdout.write(lines.map((line) => `${line}\n`).join(''));
