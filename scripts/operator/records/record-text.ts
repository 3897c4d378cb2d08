import type { DescribedRecord } from './decoded-record.js';

/** Headers a person reads in the text view; the others (the dlq_* ones shown apart, the stack) stay in --json. */
const hiddenInText = (name: string) => name.startsWith('dlq_');

/** A described record as a few lines for a person at a terminal. */
export function recordText(record: DescribedRecord): string {
  const lines = [`${record.topic} ${record.partition}@${record.offset}  ${record.timestamp}  key ${record.key ?? '(none)'}  ${what(record)}`];
  const letter = record.deadLetter;
  if (letter) {
    const source = letter.sourceTopic ? `${letter.sourceTopic} ${letter.sourcePartition ?? '?'}@${letter.sourceOffset ?? '?'}` : '(unknown source)';
    lines.push(
      `  dead letter from ${source}, group ${letter.consumerGroup ?? '?'}, ${letter.reason ?? '?'} after ${letter.attempts ?? '?'} attempt(s) at ${letter.failedAt ?? '?'}`,
    );
    lines.push(`  error ${letter.code ?? '?'}: ${letter.error ?? '?'}`);
  }
  const headers = Object.entries(record.headers).filter(([name]) => !hiddenInText(name));
  if (headers.length > 0) lines.push(`  ${headers.map(([name, value]) => `${name}=${value}`).join('  ')}`);
  if (record.status === 'decoded') lines.push(`  ${JSON.stringify(record.value)}`);
  if (record.status === 'undecodable') lines.push(`  undecodable (${record.error?.code}): ${record.error?.message}`);
  if (record.raw !== undefined && record.status !== 'decoded') lines.push(`  raw (base64) ${record.raw}`);
  return lines.join('\n');
}

function what(record: DescribedRecord): string {
  if (record.status === 'tombstone') return 'TOMBSTONE (null value)';
  if (record.status === 'undecodable') return 'UNDECODABLE';
  return `${record.recordName} (schema id ${record.schemaId})`;
}
