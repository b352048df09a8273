import { describe, expect, it } from 'vitest';

import { csvCell, csvRow } from './csv';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1 555', `"'+1 555"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
  ])('defuses a formula-looking %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('quotes plain text, doubles quotes and keeps line breaks inside the cell', () => {
    expect(csvCell('Biscuit "Bis" Smith\nline 2')).toBe('"Biscuit ""Bis"" Smith\nline 2"');
  });

  it('writes dates as ISO and nothing as an empty cell', () => {
    expect(csvCell(new Date('2026-01-02T03:04:05Z'))).toBe('"2026-01-02T03:04:05.000Z"');
    expect(csvCell(null)).toBe('""');
  });

  it('ends a row with CRLF', () => {
    expect(csvRow(['a', 1, false])).toBe('"a","1","false"\r\n');
  });
});
