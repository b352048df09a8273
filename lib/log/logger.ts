import pino from 'pino';

/**
 * The one logger. Redaction lives here, not at call sites: whatever a caller passes,
 * these paths never reach the output. Log ids and outcomes, never bodies.
 */
const REDACT = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'headers.cookie',
  'headers.authorization',
  'req.headers.cookie',
  'req.headers.authorization',
  'body',
  '*.body',
  'email',
  '*.email',
  'patientName',
  '*.patientName',
  'ownerName',
  '*.ownerName',
  'ownerPhone',
  '*.ownerPhone',
  'ownerEmail',
  '*.ownerEmail',
  // Referring vets' private links carry their token in the URL (lib/links).
  'trackingUrl',
  '*.trackingUrl',
  'intakeUrl',
  '*.intakeUrl',
];

function level(): string {
  return process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
}

export const logger = pino({
  level: level(),
  redact: { paths: REDACT, censor: '[redacted]' },
  base: { service: 'vetloop' },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = pino.Logger;
