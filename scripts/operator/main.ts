import { Command } from 'commander';
import { dlqCommand } from './commands/dlq.js';
import { jobsCommand } from './commands/jobs.js';
import { rebuildCommand } from './commands/rebuild.js';
import { replayCommand } from './commands/replay.js';
import { schemasCommand } from './commands/schemas.js';
import { tailCommand } from './commands/tail.js';
import { topicsCommand } from './commands/topics.js';

/**
 * `scripts/sc`: one command line for operating the event streams. Start-up is most of a short
 * command's time, so each command's action imports what talks to the broker, the registry or a
 * database (and the kit with kafkajs) when it runs: `sc --help` loads none of it.
 */
const program = new Command('sc')
  .description(
    'Inspect, tail, replay, redrive and rebuild the SmartCourse event streams; list the scheduled jobs.\nBroker and registry: KAFKA_BROKERS, SCHEMA_REGISTRY_URL (default: the local platform).',
  )
  .showHelpAfterError()
  .addCommand(topicsCommand())
  .addCommand(schemasCommand())
  .addCommand(tailCommand())
  .addCommand(replayCommand())
  .addCommand(dlqCommand())
  .addCommand(rebuildCommand())
  .addCommand(jobsCommand());

// `sc topics | head` closes stdout early: that ends the command, it is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

await program.parseAsync(process.argv);
