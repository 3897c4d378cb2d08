/**
 * scripts/restart-server: stop one local server and start it again, keeping its data (a fault
 * tried from outside, for failure drills and the tests). The profile is the one of the running
 * servers: SMARTCOURSE_SERVERS_PROFILE, else SMARTCOURSE_PROFILE, else dev.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sleep } from '../servers/command.js';
import { die, log, ok } from '../servers/messages.js';
import { profileNamed } from '../servers/profile.js';
import { start } from '../servers/server.js';
import { root } from '../servers/settings.js';
import { serverNamed } from '../servers/table.js';
import { printHelp, runCommand } from './lifecycle.js';

const restartable = ['kafka', 'registry', 'ferretdb', 'redis', 'maildev', 'versitygw'];

async function body(): Promise<number> {
  const [name = '', ...rest] = process.argv.slice(2);
  let downFor = '0';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--down-for') {
      if (i + 1 >= rest.length) die('--down-for needs a number of seconds');
      downFor = rest[++i]!;
    } else if (arg === '-h' || arg === '--help') {
      printHelp(path.join(root, 'scripts/restart-server'), 2, 9);
      return 0;
    } else die(`unknown argument: ${arg} (see scripts/restart-server --help)`);
  }
  if (name === '-h' || name === '--help') {
    printHelp(path.join(root, 'scripts/restart-server'), 2, 9);
    return 0;
  }
  const server = serverNamed(name);
  if (!server || !restartable.includes(name)) die(`name the server to restart: kafka, registry, ferretdb, redis, maildev or versitygw (got '${name}')`);
  if (!/^[0-9]+$/.test(downFor)) die(`--down-for takes whole seconds (got '${downFor}')`);

  const profile = profileNamed(process.env.SMARTCOURSE_SERVERS_PROFILE || process.env.SMARTCOURSE_PROFILE || 'dev');
  if (!existsSync(path.join(profile.run, 'pids', `${name}.pid`)))
    die(`no local ${name} of profile ${profile.name} is running (it may be a server you run yourself)`);
  await server.stop(profile);
  if (Number(downFor) > 0) {
    log(`${name} stays down for ${downFor}s`);
    await sleep(Number(downFor) * 1000);
  }
  await start(server, { profile, started: [] });
  ok(`${name} restarted (profile ${profile.name})`);
  return 0;
}

runCommand(body);
