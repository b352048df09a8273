/**
 * Raw TLS clients that misbehave on purpose: a body far over the limit (declared or
 * streamed), headers that never finish (slowloris), a body trickled a byte at a time.
 * Each reports the status line it got, if any, and when the server closed the socket.
 */
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

import type { Target } from './http-client';

export interface RawResult {
  /** The response's status, or 0 if the server closed without one. */
  status: number;
  /** Milliseconds until the server closed the connection (or answered and we stopped). */
  closedAfterMs: number;
  /** Bytes we managed to send before the server stopped us. */
  sent: number;
  /** The start of the response, for the report. */
  response: string;
}

export interface RawPlan {
  head: string;
  /** Called repeatedly until it returns null; `delayMs` between writes. */
  next: (turn: number) => Buffer | null;
  delayMs: number;
  /** Give up after this long (the check then fails: the server never closed). */
  giveUpMs: number;
}

export function rawRequest(target: Target, plan: RawPlan): Promise<RawResult> {
  const url = new URL(target.origin);
  const started = performance.now();

  return new Promise((resolve) => {
    let status = 0;
    let sent = 0;
    let response = '';
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const socket = tls.connect({
      host: '127.0.0.1',
      port: Number(url.port),
      servername: 'localhost',
      ca: readFileSync(target.caFile, 'utf8'),
    });
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ status, closedAfterMs: Math.round(performance.now() - started), sent, response });
    };
    const giveUp = setTimeout(finish, plan.giveUpMs);
    socket.on('data', (part: Buffer) => {
      response += part.toString('latin1').slice(0, 2_000 - response.length);
      const match = /^HTTP\/1\.1 (\d{3})/.exec(part.toString('latin1'));
      if (match && status === 0) status = Number(match[1]);
      // A complete answer is enough: stop sending, as a real client would.
      if (status !== 0 && /\r\n\r\n[\s\S]+/.test(response)) finish();
    });
    socket.on('close', finish);
    socket.on('error', finish);
    socket.once('secureConnect', () => {
      socket.write(plan.head);
      let turn = 0;
      const pump = () => {
        if (done) return;
        const part = plan.next(turn);
        turn += 1;
        if (!part) return;
        sent += part.length;
        const more = socket.write(part);
        if (more) timer = setTimeout(pump, plan.delayMs);
        else socket.once('drain', () => (timer = setTimeout(pump, plan.delayMs)));
      };
      timer = setTimeout(pump, plan.delayMs);
    });
  });
}
