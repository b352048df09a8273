/**
 * The public intake form under load. It is a server action posted as a plain form (as a
 * browser without JavaScript sends it), with the signed time stamp and the empty honeypot
 * the page renders. Its rate limits are per IP (10 an hour) and per link (100 an hour),
 * so each submission comes from its own loopback address (127.0.x.y) and the load
 * spreads over one link per practice. autocannon cannot bind source addresses, so this
 * is a small closed-loop driver with the same measures.
 */
import { randomBytes } from 'node:crypto';
import https from 'node:https';

import type { ScenarioResult } from './load';

export interface IntakeForm {
  url: string;
  hidden: Array<[string, string]>;
}

const HIDDEN = /<input[^>]*type="hidden"[^>]*>/g;
const attr = (tag: string, name: string) =>
  (name === 'name' ? /\sname="([^"]*)"/ : /\svalue="([^"]*)"/).exec(tag)?.[1] ?? '';
const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function request(
  url: string,
  options: https.RequestOptions,
  body?: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { rejectUnauthorized: false, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Reads the form's hidden inputs (action reference, state, time stamp) from its page. */
export async function loadIntakeForm(url: string): Promise<IntakeForm> {
  const page = await request(url, { method: 'GET', headers: { accept: 'text/html' } });
  if (page.status !== 200) throw new Error(`intake page answered ${page.status}`);
  const hidden = [...page.text.matchAll(HIDDEN)].map(
    ([tag]) => [unescape(attr(tag, 'name')), unescape(attr(tag, 'value'))] as [string, string],
  );

  return { url, hidden: hidden.filter(([name]) => name !== '') };
}

function multipart(fields: Array<[string, string]>): { body: Buffer; type: string } {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const parts = fields.map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );

  return {
    body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

function submission(form: IntakeForm, i: number) {
  return multipart([
    ...form.hidden,
    ['clinicName', `Bench Intake Vets ${i % 40}`],
    ['vetName', `Dr Intake ${i % 40}`],
    ['vetEmail', `intake${i % 40}@vets.test`],
    ['patientName', `Pickle ${i}`],
    ['species', 'Dog'],
    ['ownerName', 'Robin Owner'],
    ['ownerConsent', 'yes'],
    ['reason', 'Progressive hind limb ataxia over two weeks; please assess.'],
    ['urgency', 'urgent'],
    ['service', 'Neurology'],
  ]);
}

/** 16 workers post for `seconds`, each request from the next loopback address. */
export async function runIntake(
  origin: string,
  forms: IntakeForm[],
  seconds: number,
  connections: number,
): Promise<Omit<ScenarioResult, 'appRssMiB' | 'cpu'>> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const i = next++;
      const form = forms[i % forms.length]!;
      const { body, type } = submission(form, i);
      const started = performance.now();
      const res = await request(
        form.url,
        {
          method: 'POST',
          localAddress: `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`,
          headers: {
            origin,
            'content-type': type,
            accept: 'text/html',
            'content-length': body.length,
          },
        },
        body,
      ).catch(() => ({ status: 0, text: '' }));
      latencies.push(performance.now() - started);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  };
  const wallStart = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const wall = (performance.now() - wallStart) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(
      (latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0) * 10,
    ) / 10;

  return {
    name: 'intake submission (POST /intake/:token, server action)',
    connections,
    seconds: Math.round(wall * 10) / 10,
    requests: latencies.length,
    rps: Math.round((latencies.length / wall) * 10) / 10,
    latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) },
    errors: latencies.length - (statuses['200'] ?? 0),
    statuses,
  };
}
