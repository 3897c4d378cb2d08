/**
 * scripts/chaos: the dev servers up (started when none run), topics and schemas provisioned, then
 * the drill (scripts/drill/main.ts) on them; the faults restart those servers.
 */
import path from 'node:path';
import { loadEnvFile } from '../servers/env-file.js';
import { die } from '../servers/messages.js';
import { root } from '../servers/settings.js';
import { handOver, quietly, runCommand } from './lifecycle.js';

const drill = [process.execPath, '--import', 'tsx', 'scripts/drill/main.ts'] as const;

async function body(): Promise<number> {
  process.chdir(root);
  const args = process.argv.slice(2);
  if (args[0] === '-h' || args[0] === '--help') return handOver(drill[0], [...drill.slice(1), '--help']);
  if ((await handOver('bash', ['scripts/up', '--infra-only'])) !== 0) die('scripts/up --infra-only failed');
  Object.assign(process.env, loadEnvFile(path.join(root, '.run/dev/env')));
  // the faults restart the servers of this profile (scripts/restart-server)
  process.env.SMARTCOURSE_SERVERS_PROFILE = 'dev';
  if ((await quietly(process.execPath, ['--import', 'tsx', 'scripts/provision.ts'])) !== 0) die('provisioning failed');
  return handOver(drill[0], [...drill.slice(1), ...args]);
}

runCommand(body);
