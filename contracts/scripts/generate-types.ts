/**
 * Writes contracts/src/generated/records.ts from the latest version of every schema in the catalog.
 *
 *   npx tsx contracts/scripts/generate-types.ts          write the file
 *   npx tsx contracts/scripts/generate-types.ts --check  exit 1 if the file is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderRecordTypes } from '../src/codegen.js';

const target = fileURLToPath(new URL('../src/generated/records.ts', import.meta.url));
const rendered = renderRecordTypes();
const current = readCurrent();

if (process.argv.includes('--check')) {
  if (current !== rendered) {
    console.error(`${target} is out of date: run npx tsx contracts/scripts/generate-types.ts`);
    process.exit(1);
  }
  console.log(`${target} is up to date`);
} else if (current === rendered) {
  console.log(`${target} is up to date`);
} else {
  writeFileSync(target, rendered);
  console.log(`wrote ${target}`);
}

function readCurrent(): string | undefined {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return undefined;
  }
}
