/** infrastructure/kafka/kafka-tool.sh: a Kafka command-line tool run with the jars scripts/up installed. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { kafkaHome, kafkaToolArgs } from '../servers/jvm.js';
import { bootstrapServers } from '../servers/kafka.js';
import { die } from '../servers/messages.js';
import { infrastructureDir } from '../servers/settings.js';
import { handOver, printHelp, runCommand } from './lifecycle.js';

const tools: Record<string, string> = {
  topics: 'org.apache.kafka.tools.TopicCommand',
  'consumer-groups': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'console-consumer': 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  'console-producer': 'kafka.tools.ConsoleProducer',
  configs: 'kafka.admin.ConfigCommand',
  'get-offsets': 'org.apache.kafka.tools.GetOffsetShell',
  'delete-records': 'org.apache.kafka.tools.DeleteRecordsCommand',
};

async function body(): Promise<number> {
  if (!existsSync(path.join(kafkaHome, 'libs'))) die('Kafka jars not installed yet; run scripts/up --infra-only first');
  const [tool, ...rest] = process.argv.slice(2);
  if (tool === undefined) {
    printHelp(path.join(infrastructureDir, 'kafka/kafka-tool.sh'), 2, 10);
    return 2;
  }
  const mainClass = tools[tool] ?? (tool.includes('.') ? tool : undefined);
  if (!mainClass) die(`unknown tool '${tool}' (${Object.keys(tools).join(', ')}, or a class name)`);
  const args = rest.includes('--bootstrap-server') ? rest : ['--bootstrap-server', bootstrapServers(), ...rest];
  return handOver('java', kafkaToolArgs(mainClass, args));
}

runCommand(body);
