/**
 * What a command prints: with `--json`, one JSON document on stdout (or one object a line for
 * streams); otherwise aligned text for a person. Diagnostics and progress go to stderr.
 */
export interface OutputOptions {
  json?: boolean;
}

/** Prints rows as an aligned table under their column names. */
export function printTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): void {
  const cell = (value: unknown) => (value === null || value === undefined ? '-' : String(value));
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((column) => cell(row[column]))));
}

/** Prints a command's answer: the JSON document, or the text the command renders. */
export function printResult<T>(options: OutputOptions, result: T, asText: (result: T) => void): void {
  if (options.json) console.log(JSON.stringify(result, null, 2));
  else asText(result);
}
