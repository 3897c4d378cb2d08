/**
 * scripts/bench: measures the platform of a running scripts/up (waiting for its gateway), or starts
 * the dev servers when none run and provisions them; then scripts/bench.ts.
 */
import path from 'node:path';
import { processSpec } from '../../contracts/src/topology.js';
import { loadEnvFile } from '../servers/env-file.js';
import { die, log } from '../servers/messages.js';
import { alivePid } from '../servers/pids.js';
import { readyOk, waitUntil } from '../servers/readiness.js';
import { host, root } from '../servers/settings.js';
import { handOver, printHelp, quietly, runCommand } from './lifecycle.js';
import { upMarker } from './up-marker.js';

async function body(): Promise<number> {
  process.chdir(root);
  const [arg] = process.argv.slice(2);
  if (arg === '-h' || arg === '--help') {
    printHelp(path.join(root, 'scripts/bench'), 2, 22);
    return 0;
  }
  if (arg !== undefined) die(`unknown argument: ${arg} (see scripts/bench --help)`);
  const devEnv = path.join(root, '.run/dev/env');
  const up = alivePid(path.join(root, '.run/dev/up.pid'), upMarker);
  if (up !== undefined) {
    const gateway = processSpec('gateway').port;
    log(`using the platform of scripts/up (pid ${up})`);
    const ready = await waitUntil({
      timeoutSeconds: 300,
      what: 'the gateway of scripts/up',
      pid: up,
      check: () => readyOk(`http://${host}:${gateway}/ready`, path.join(root, '.run/dev')),
    });
    if (!ready) die(`the gateway of scripts/up did not become ready on port ${gateway}`);
    // scripts/up writes the environment before it starts the processes
    Object.assign(process.env, loadEnvFile(devEnv));
  } else {
    if ((await handOver('bash', ['scripts/up', '--infra-only'])) !== 0) die('scripts/up --infra-only failed');
    Object.assign(process.env, loadEnvFile(devEnv));
    if ((await quietly(process.execPath, ['--import', 'tsx', 'scripts/provision.ts'])) !== 0) die('provisioning failed');
  }
  return handOver(process.execPath, ['--import', 'tsx', 'scripts/bench.ts']);
}

runCommand(body);
