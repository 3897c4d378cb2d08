import avro from 'avsc';
import type { Type, types } from 'avsc';
import { topics as catalogTopics, type TopicSpec } from './catalog.js';
import { loadVersions as loadSchemaVersions, type AvroSchema } from './schemas.js';

/**
 * Renders `src/generated/records.ts` from the latest schema version of every record in the
 * catalog. Pure apart from reading the schema files: the generator script writes its result,
 * and a test checks that the committed file equals it.
 *
 * Mapping (how avsc decodes values with default options):
 * record → interface (nested named records get their own), enum → string-literal union type,
 * ["null", X] → `X | null`, int/long/float/double → number, bytes/fixed → Buffer,
 * array → `T[]`, map → `Record<string, T>`; logical types map to their underlying type.
 */

export const generatedHeader = '// Generated from contracts/schemas (latest version of each) by `npx tsx contracts/scripts/generate-types.ts`. Do not edit.';

export interface RenderOptions {
  readonly topics?: readonly TopicSpec[];
  readonly loadVersions?: (schemaDir: string) => AvroSchema[];
}

interface Declaration {
  readonly fullName: string;
  readonly text: string;
}

export function renderRecordTypes(options: RenderOptions = {}): string {
  const topics = options.topics ?? catalogTopics;
  const load = options.loadVersions ?? loadSchemaVersions;
  const declarations = new Map<string, Declaration>();
  const topicRecords: [string, string][] = [];
  const commandRecords: [string, string][] = [];

  for (const topic of topics) {
    for (const record of topic.records) {
      const type = parseLatest(record.schemaDir, load);
      if (type.name !== record.fullName) {
        throw new Error(`schema ${record.schemaDir} is named ${String(type.name)}, the catalog says ${record.fullName}`);
      }
      const typeName = declare(type, declarations);
      if (topic.kind === 'command') commandRecords.push([record.fullName, typeName]);
      else if (topic.kind === 'event' || topic.kind === 'result') topicRecords.push([topic.name, typeName]);
    }
  }

  const blocks = [...declarations.keys()].sort(byCodeUnits).map((name) => declarations.get(name)!.text);
  blocks.push(
    mapInterface('/** Record type of each event and result topic. */', 'TopicRecords', topicRecords),
    mapInterface('/** Record type of each command, by Avro full name. */', 'CommandRecords', commandRecords),
  );
  return `${generatedHeader}\n\n${blocks.join('\n\n')}\n`;
}

function parseLatest(schemaDir: string, load: (schemaDir: string) => AvroSchema[]): Type {
  const versions = load(schemaDir);
  const latest = versions[versions.length - 1];
  if (!latest) throw new Error(`schema folder ${schemaDir} has no versions`);
  try {
    return avro.Type.forSchema(latest as avro.Schema);
  } catch (error) {
    throw new Error(`schema ${schemaDir} v${versions.length} does not parse: ${(error as Error).message}`, { cause: error });
  }
}

/** TypeScript type of an avsc type; named types are declared once and referenced by simple name. */
function tsType(type: Type, declarations: Map<string, Declaration>): string {
  switch (type.typeName) {
    case 'null':
      return 'null';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return 'number';
    case 'string':
      return 'string';
    case 'bytes':
    case 'fixed':
      return 'Buffer';
    case 'record':
    case 'error':
    case 'enum':
      return declare(type, declarations);
    case 'array':
      return arrayOf(tsType((type as types.ArrayType).itemsType, declarations));
    case 'map':
      return `Record<string, ${tsType((type as types.MapType).valuesType as Type, declarations)}>`;
    case 'union:unwrapped': {
      const branches = (type as types.UnwrappedUnionType).types;
      const nonNull = branches.filter((branch) => branch.typeName !== 'null');
      const rendered = nonNull.map((branch) => tsType(branch, declarations));
      if (nonNull.length < branches.length) rendered.push('null');
      return rendered.join(' | ');
    }
    case 'union:wrapped':
      return (type as types.WrappedUnionType).types
        .map((branch) => (branch.typeName === 'null' ? 'null' : `{ '${branch.branchName}': ${tsType(branch, declarations)} }`))
        .join(' | ');
    default:
      throw new Error(`no TypeScript mapping for Avro type ${type.typeName}`);
  }
}

/** Declares a named record or enum (once) and returns the name to reference it by. */
function declare(type: Type, declarations: Map<string, Declaration>): string {
  const fullName = type.name;
  if (!fullName) throw new Error(`a ${type.typeName} type has no name`);
  const simpleName = fullName.slice(fullName.lastIndexOf('.') + 1);
  const existing = declarations.get(simpleName);
  if (existing && existing.fullName !== fullName) {
    throw new Error(`two Avro types share the simple name ${simpleName}: ${existing.fullName} and ${fullName}`);
  }
  // Declared as empty while its own fields render: a recursive reference stops here.
  if (existing?.text === '') return simpleName;

  let text: string;
  if (type.typeName === 'enum') {
    const symbols = (type as types.EnumType).symbols.map((symbol) => `'${symbol}'`).join(' | ');
    text = `export type ${simpleName} = ${symbols};`;
  } else {
    declarations.set(simpleName, { fullName, text: '' });
    const fields = (type as types.RecordType).fields.map((field) => `  ${field.name}: ${tsType(field.type, declarations)};`);
    text = [`export interface ${simpleName} {`, ...fields, '}'].join('\n');
  }
  if (existing && existing.text !== text) {
    throw new Error(`${fullName} is defined differently in two schemas; give one of them another name`);
  }
  declarations.set(simpleName, { fullName, text });
  return simpleName;
}

function arrayOf(item: string): string {
  return item.includes(' | ') ? `(${item})[]` : `${item}[]`;
}

function mapInterface(doc: string, name: string, entries: [string, string][]): string {
  const lines = [...entries].sort(([a], [b]) => byCodeUnits(a, b)).map(([key, typeName]) => `  '${key}': ${typeName};`);
  return [doc, `export interface ${name} {`, ...lines, '}'].join('\n');
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
