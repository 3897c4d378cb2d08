import { Command } from 'commander';
import { subjects as catalogSubjects } from '@smartcourse/contracts/schemas';
import { endpoints } from '../endpoints.js';
import { action } from '../failure.js';
import { printResult, printTable, type OutputOptions } from '../output.js';
import type { CompatibilityVerdict } from '../schemas/compatibility-check.js';
import type { SchemasOverview } from '../schemas/subjects-overview.js';
import type { SubjectVersions } from '../schemas/subject-versions.js';

interface SchemasOptions extends OutputOptions {
  schema?: boolean;
}

interface CheckOptions extends OutputOptions {
  subject: string;
}

export function schemasCommand(): Command {
  return new Command('schemas')
    .description(
      "The registry's subjects beside the catalog's, with versions and compatibility levels; with a subject, its versions and schema ids. Registry: SCHEMA_REGISTRY_URL (its Confluent-compatible API).",
    )
    .argument('[subject]', 'one subject, e.g. user.registered-value')
    .option('--schema', "with a subject: print each version's schema too")
    .option('--json', 'one JSON document')
    .action(
      action(async (subject: string | undefined, options: SchemasOptions) => {
        const { registryUrl } = endpoints();
        const { registryApi } = await import('../schemas/registry-api.js');
        const api = registryApi(registryUrl);
        if (subject === undefined) {
          const { subjectsOverview } = await import('../schemas/subjects-overview.js');
          printResult(options, await subjectsOverview(api, registryUrl, catalogSubjects()), printOverview);
        } else {
          const { subjectVersions } = await import('../schemas/subject-versions.js');
          printResult(options, await subjectVersions(api, subject, catalogSubjects(), options.schema === true), printVersions);
        }
      }),
    )
    .addCommand(checkCommand());
}

function checkCommand(): Command {
  return new Command('check')
    .description("Asks the registry whether a local .avsc could be the subject's next version: prints yes or no with the reasons; exit status 1 when not.")
    .argument('<file>', 'the .avsc file')
    .requiredOption('--subject <subject>', 'the subject it would be registered under')
    .option('--json', 'one JSON document')
    .action(
      action(async (file: string, _options: CheckOptions, command: Command) => {
        // commander hands `--json` to `schemas`, which declares it too, wherever it stands on the line
        const options = command.optsWithGlobals<CheckOptions>();
        const { registryApi } = await import('../schemas/registry-api.js');
        const { checkCompatibility } = await import('../schemas/compatibility-check.js');
        const verdict = await checkCompatibility(registryApi(endpoints().registryUrl), file, options.subject);
        printResult(options, verdict, printVerdict);
        if (!verdict.compatible) process.exitCode = 1;
      }),
    );
}

function printOverview(overview: SchemasOverview): void {
  console.log(`registry ${overview.registry} (global compatibility ${overview.globalCompatibility})\n`);
  printTable(
    overview.subjects.map((s) => ({
      subject: s.subject,
      versions: s.versions.join(',') || null,
      compatibility: s.compatibility,
      topic: s.catalog?.topic,
      drift: s.drift.join('; ') || 'ok',
    })),
    ['subject', 'versions', 'compatibility', 'topic', 'drift'],
  );
  console.log(
    `\non the registry, not in the catalog (${overview.notInCatalog.length})${overview.notInCatalog.length > 0 ? `: ${overview.notInCatalog.join(', ')}` : ''}`,
  );
  console.log(
    `in the catalog, missing on the registry (${overview.missingOnRegistry.length})${overview.missingOnRegistry.length > 0 ? `: ${overview.missingOnRegistry.join(', ')}` : ''}`,
  );
}

function printVersions(subject: SubjectVersions): void {
  const where = subject.catalog
    ? `${subject.catalog.record} on ${subject.catalog.topic}, ${subject.catalog.versions} versions in the catalog`
    : 'not in the catalog';
  console.log(`${subject.subject}: compatibility ${subject.compatibility}; ${where}\n`);
  printTable(
    subject.versions.map((v) => ({ version: v.version, 'schema id': v.id })),
    ['version', 'schema id'],
  );
  for (const version of subject.versions) {
    if (version.schema !== undefined) console.log(`\nversion ${version.version} (id ${version.id}):\n${JSON.stringify(version.schema, null, 2)}`);
  }
}

function printVerdict(verdict: CompatibilityVerdict): void {
  console.log(
    `${verdict.compatible ? 'yes' : 'no'}: ${verdict.file} is ${verdict.compatible ? '' : 'not '}${verdict.compatibility} compatible with ${verdict.subject}`,
  );
  for (const message of verdict.registryMessages) console.log(`  registry: ${message}`);
  for (const reason of verdict.localReasons) console.log(`  ${reason}`);
}
