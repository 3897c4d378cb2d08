/**
 * The processes of contracts/src/topology.ts as shell-readable lines, in start order (services,
 * then the gateway): `name|entry|port`. Read by scripts/lib/apps.sh; stopping runs in reverse.
 */
// The file itself, not the package index: the shell scripts wait for this on every start.
import { startOrder } from '../contracts/src/topology.js';

process.stdout.write(startOrder.map((p) => `${p.name}|${p.entry}|${p.port}\n`).join(''));
