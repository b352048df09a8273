/**
 * One CSV cell, quoted. A cell a spreadsheet would run as a formula (starting with
 * = + - @, a tab or a carriage return) is defused with a leading apostrophe, so an
 * exported "=HYPERLINK(...)" typed by a referring vet stays text (OWASP CSV injection).
 */
export function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (value instanceof Date) text = value.toISOString();
  else text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;

  return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
