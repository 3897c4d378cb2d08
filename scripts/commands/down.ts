/** scripts/down: stop what scripts/up (or a crashed scripts/test) left running, per profile. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sleep } from '../servers/command.js';
import { stopServers } from '../servers/infrastructure.js';
import { die, log } from '../servers/messages.js';
import { stopProcesses } from '../servers/node-processes.js';
import { alivePid, pidRunning } from '../servers/pids.js';
import { profileNamed } from '../servers/profile.js';
import { root } from '../servers/settings.js';
import { printHelp, runCommand } from './lifecycle.js';
import { upMarker } from './up-marker.js';

function profilesAsked(args: readonly string[]): string[] {
  let profiles = ['dev'];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--profile') {
      if (i + 1 >= args.length) die('--profile needs a value (dev or test)');
      profiles = [args[++i]!];
    } else if (arg.startsWith('--profile=')) profiles = [arg.slice('--profile='.length)];
    else if (arg === '--all') profiles = ['dev', 'test'];
    else if (arg === '-h' || arg === '--help') {
      printHelp(path.join(root, 'scripts/down'), 2, 7);
      process.exit(0);
    } else die(`unknown argument: ${arg} (see scripts/down --help)`);
  }
  return profiles;
}

async function body(): Promise<number> {
  for (const name of profilesAsked(process.argv.slice(2))) {
    const profile = profileNamed(name);
    if (!existsSync(profile.run)) {
      log(`nothing to stop for profile ${name}`);
      continue;
    }
    // a running scripts/up stops its own processes on SIGTERM
    const up = alivePid(path.join(profile.run, 'up.pid'), upMarker);
    if (up !== undefined) {
      log(`asking scripts/up (pid ${up}) to stop`);
      try {
        process.kill(up, 'SIGTERM');
      } catch {
        // it ended meanwhile
      }
      for (let i = 0; i < 300 && pidRunning(up); i++) await sleep(200);
    }
    await stopProcesses(profile);
    await stopServers(profile);
  }
  return 0;
}

runCommand(body);
