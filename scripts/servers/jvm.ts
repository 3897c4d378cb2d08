/** The JVM servers' shared parts: class-data sharing and the Kafka command-line tools. */
import { spawn } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { commandExists } from './command.js';
import type { Profile } from './profile.js';
import { cacheDir, infrastructureDir, versions } from './settings.js';

export const kafkaHome = path.join(cacheDir, `kafka-${versions.kafka}`);

/** What a JVM server built from Maven Central needs from Debian: a Java runtime and Maven. */
export const jvmPackages = () => [...(commandExists('java') ? [] : ['openjdk-17-jre-headless']), ...(commandExists('mvn') ? [] : ['maven'])];

/**
 * JVM class-data-sharing archive for faster starts. The dev profile records one at the JVM's
 * first exit (-XX:ArchiveClassesAtExit); later starts (any profile) map it. A stale or broken
 * archive is ignored by the JVM.
 */
export function cdsOptions(archive: string, profile: Profile): string[] {
  if ((process.env.SMARTCOURSE_JVM_CDS ?? '1') !== '1') return [];
  if (existsSync(`${archive}.new`)) renameSync(`${archive}.new`, archive);
  const quiet = ['-Xlog:cds=off', '-Xlog:cds+dynamic=off'];
  if (existsSync(archive)) return [`-XX:SharedArchiveFile=${archive}`, ...quiet];
  if (profile.name === 'dev') return [`-XX:ArchiveClassesAtExit=${archive}.new`, ...quiet];
  return [];
}

/** The java arguments that run a Kafka command-line tool with the cached jars. */
export const kafkaToolArgs = (mainClass: string, args: readonly string[]) => [
  '-Xmx256m',
  '-XX:TieredStopAtLevel=1',
  '-XX:+UseSerialGC',
  `-Dlog4j.configuration=file:${infrastructureDir}/kafka/tools-log4j.properties`,
  '-cp',
  `${kafkaHome}/libs/*`,
  mainClass,
  ...args,
];

/** Runs a Kafka tool; resolves to its status and stdout (stderr goes to ours unless captured). */
export function kafkaTool(
  mainClass: string,
  args: readonly string[],
  options: { quietErrors?: boolean; output?: 'capture' | 'ignore' | 'inherit' } = {},
): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn('java', kafkaToolArgs(mainClass, args), {
      stdio: ['ignore', options.output === 'inherit' ? 'inherit' : 'pipe', options.quietErrors ? 'ignore' : 'inherit'],
    });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (options.output === 'capture') stdout += chunk.toString();
    });
    child.once('error', () => resolve({ status: 127, stdout }));
    child.once('exit', (code) => resolve({ status: code ?? 1, stdout }));
  });
}
