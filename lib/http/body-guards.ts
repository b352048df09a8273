import type { IncomingMessage, ServerResponse } from 'node:http';

export interface BodyRateOptions {
  /** How often progress is measured, and the grace before the first measurement. */
  windowMs: number;
  /** Fewer new bytes than this in a window, while we are reading, ends the request. */
  minBytesPerWindow: number;
  onCut: () => void;
}

/** At least 1 KiB/s over each 10 s: a 25 MB upload needs ~85 KB/s to beat requestTimeout anyway. */
export const BODY_RATE = { windowMs: 10_000, minBytesPerWindow: 10 * 1024 };

/**
 * Ends a request whose body arrives too slowly to be honest (a byte a second holds a
 * socket and a handler for the whole requestTimeout, five minutes). Node's own timeouts
 * bound headers and the whole request, not the pace of the body. Progress is the
 * socket's bytesRead; a window counts as slow only while the request stream is not full,
 * so a body the app is not reading yet (backpressure from our side) is never cut.
 */
export function guardBodyRate(
  req: IncomingMessage,
  res: ServerResponse,
  options: BodyRateOptions,
): void {
  const socket = req.socket;
  let last = socket.bytesRead;
  const timer = setInterval(() => {
    if (req.complete || res.writableEnded || socket.destroyed) {
      clearInterval(timer);

      return;
    }
    const now = socket.bytesRead;
    const backpressure = req.readableLength >= req.readableHighWaterMark;
    if (now - last < options.minBytesPerWindow && !backpressure) {
      clearInterval(timer);
      options.onCut();

      return;
    }
    last = now;
  }, options.windowMs);
  timer.unref();
  const stop = () => clearInterval(timer);
  req.once('end', stop);
  res.once('close', stop);
}

/** Whether the request carries a body at all (declared length or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  return (
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined
  );
}

/**
 * Ends a request sent without a declared length (chunked) once more than `maxBytes` of it
 * have arrived. A declared length is checked before the app runs and Node holds the body
 * to it; a chunked one would otherwise be buffered by Next's proxy up to its own limit and
 * read by the app to the end. Counts what the socket delivers after the headers (chunk
 * framing included, so it errs a little on the strict side).
 */
export function guardBodySize(
  req: IncomingMessage,
  res: ServerResponse,
  options: { maxBytes: number; onTooLarge: () => void },
): void {
  if (req.headers['content-length'] !== undefined) return;
  const socket = req.socket;
  let received = 0;
  const check = (chunk: Buffer) => {
    received += chunk.length;
    if (received <= options.maxBytes) return;
    stop();
    options.onTooLarge();
  };
  const stop = () => socket.off('data', check);
  // Listening beside the HTTP parser takes nothing from it: both see every chunk.
  socket.on('data', check);
  req.once('end', stop);
  res.once('close', stop);
}
