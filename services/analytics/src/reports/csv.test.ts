import { describe, expect, it } from '@jest/globals';
import { csvField, csvTable, reportCsv } from './csv.js';

describe('CSV (RFC 4180)', () => {
  it('leaves plain fields as they are and writes null as an empty field', () => {
    expect(csvField('Watercolour basics')).toBe('Watercolour basics');
    expect(csvField(0.6667)).toBe('0.6667');
    expect(csvField(false)).toBe('false');
    expect(csvField(null)).toBe('');
  });

  it('quotes a field holding a comma, a quote, CR or LF, doubling its quotes', () => {
    expect(csvField('Paint, then varnish')).toBe('"Paint, then varnish"');
    expect(csvField('The "wet" stage')).toBe('"The ""wet"" stage"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('{"percent":50}')).toBe('"{""percent"":50}"');
  });

  it('ends every record with CRLF, the header first', () => {
    expect(
      csvTable(
        ['a', 'b'],
        [
          [1, 'x,y'],
          [null, 2],
        ],
      ),
    ).toBe('a,b\r\n1,"x,y"\r\n,2\r\n');
  });

  it("writes a report's rows in the seven flat columns", () => {
    expect(
      reportCsv([
        { section: 'enrollments_per_day', date: '2026-03-01', metric: 'enrollments', value: 2 },
        { section: 'summary', metric: 'revenue', value: '$19.99', currency: 'USD' },
      ]),
    ).toBe('section,date,subject,label,metric,value,currency\r\nenrollments_per_day,2026-03-01,,,enrollments,2,\r\nsummary,,,,revenue,$19.99,USD\r\n');
  });
});
