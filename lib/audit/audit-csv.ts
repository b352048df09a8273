import type { AuditEventView } from './list-events';

export const CSV_COLUMNS = [
  'seq',
  'created_at',
  'actor_type',
  'actor_id',
  'actor_label',
  'action',
  'entity_type',
  'entity_id',
  'changes',
  'metadata',
  'request_id',
  'ip',
  'user_agent',
  'session_id',
] as const;

/**
 * One CSV cell, always quoted. A cell that a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) gets a leading apostrophe, so exported labels,
 * user agents or field values can never execute when the file is opened.
 */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;

  return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export function csvHeader(): string {
  return csvRow(CSV_COLUMNS);
}

export function eventToCsv(event: AuditEventView): string {
  return csvRow([
    event.seq,
    event.createdAt.toISOString(),
    event.actor.type,
    event.actor.id,
    event.actor.label,
    event.action,
    event.entityType,
    event.entityId,
    event.changes,
    event.metadata,
    event.requestId,
    event.ip,
    event.userAgent,
    event.sessionId,
  ]);
}
