/** scripts/status: the local servers and Node processes of a profile. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serversStatus } from '../servers/infrastructure.js';
import { die } from '../servers/messages.js';
import { processesStatus } from '../servers/node-processes.js';
import { alivePid } from '../servers/pids.js';
import { profileNamed } from '../servers/profile.js';
import { root } from '../servers/settings.js';
import { printHelp, runCommand } from './lifecycle.js';
import { upMarker } from './up-marker.js';

function profileAsked(args: readonly string[]): string {
  let profile = 'dev';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--profile') {
      if (i + 1 >= args.length) die('--profile needs a value');
      profile = args[++i]!;
    } else if (arg.startsWith('--profile=')) profile = arg.slice('--profile='.length);
    else if (arg === '-h' || arg === '--help') {
      printHelp(path.join(root, 'scripts/status'), 2, 3);
      process.exit(0);
    } else die(`unknown argument: ${arg}`);
  }
  return profile;
}

async function body(): Promise<number> {
  const profile = profileNamed(profileAsked(process.argv.slice(2)));
  const lines = [
    `profile: ${profile.name}  (data: ${path.relative(root, profile.run)}/)`,
    ...(await serversStatus(profile)),
    '',
    ...(await processesStatus(profile)),
  ];
  if (existsSync(path.join(profile.run, 'env'))) lines.push('', `environment: source ${profile.run}/env`);
  const up = alivePid(path.join(profile.run, 'up.pid'), upMarker);
  if (up !== undefined) lines.push(`scripts/up is running (pid ${up})`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

runCommand(body);
