/** A string that appears in every script payload, so a rendered page can be searched for it. */
export const XSS_MARKER = 'vlxss';

/** Stored-XSS payloads; each would set window.vlxss or open a dialog if it ever ran. */
export const XSS_PAYLOADS = [
  `<script>window.${XSS_MARKER}=1;alert('${XSS_MARKER}')</script>`,
  `<img src=x onerror="window.${XSS_MARKER}=1;alert('${XSS_MARKER}')">`,
  `<svg onload="window.${XSS_MARKER}=1"></svg>`,
  `"><iframe srcdoc="<script>parent.${XSS_MARKER}=1</script>"></iframe>`,
  `[click](javascript:window.${XSS_MARKER}=1)`,
];

/** SQL and other injection payloads sent in every parameter; none may yield a 500 or data. */
export const INJECTION_PAYLOADS = [
  "' OR '1'='1",
  "1' OR 1=1--",
  "'; DROP TABLE referrals;--",
  '1; SELECT pg_sleep(5)--',
  "' UNION SELECT id, name FROM practices--",
  "00000000-0000-0000-0000-000000000000' OR '1'='1",
  '%27%20OR%201%3D1--',
  '../../../../etc/passwd',
  '${7*7}{{7*7}}',
  '{"$ne":null}',
  '\u0000',
];
