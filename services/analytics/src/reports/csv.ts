/**
 * CSV as RFC 4180 has it: CRLF after every record, a field quoted when it holds a comma, a quote,
 * CR or LF, its quotes doubled. A report's series and tables go out as one flat table (see
 * `ReportRow`), so any CSV reader loads it without knowing the report's shape.
 */

export type CsvValue = string | number | boolean | null;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRecord = (fields: readonly CsvValue[]): string => `${fields.map(csvField).join(',')}\r\n`;

/** A header record, then one record per row. */
export const csvTable = (header: readonly string[], rows: readonly (readonly CsvValue[])[]): string => [header, ...rows].map(csvRecord).join('');

/**
 * One number of a report: which part of it (`section`), the day for a per-day series, what it is
 * about (a lesson, a course, a role) and its label, the metric, its value, and for money the
 * currency. Every report but the activity timeline answers CSV in these seven columns.
 */
export interface ReportRow {
  section: string;
  date?: string | null;
  subject?: string | null;
  label?: string | null;
  metric: string;
  value: CsvValue;
  currency?: string | null;
}

export const REPORT_COLUMNS = ['section', 'date', 'subject', 'label', 'metric', 'value', 'currency'] as const;

export const reportCsv = (rows: readonly ReportRow[]): string =>
  csvTable(
    REPORT_COLUMNS,
    rows.map((row) => [row.section, row.date ?? null, row.subject ?? null, row.label ?? null, row.metric, row.value, row.currency ?? null]),
  );
