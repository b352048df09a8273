import type { z } from 'zod';

import { AppError, type FieldIssue } from './errors';

const MAX_JSON_BYTES = 1_000_000;

export function issuesToFields(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('validation_failed', undefined, { fields: issuesToFields(result.error) });
  }

  return result.data;
}

/** A JSON body checked against a (strict) schema; AppError('validation_failed') with fields. */
export async function parseJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json.');
  }
  const text = await readTextWithin(req, MAX_JSON_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The body is not valid JSON.');
  }

  return validate(schema, value);
}

/**
 * The body as text, refused with 413 as soon as it passes `max` bytes. `req.text()` would
 * read a body sent without a length (chunked) to its end, 40 MB or more, before any
 * size check could run.
 */
async function readTextWithin(req: Request, max: number): Promise<string> {
  if (Number(req.headers.get('content-length') ?? 0) > max) throw new AppError('payload_too_large');
  if (!req.body) return '';
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new AppError('payload_too_large');
    }
    parts.push(value);
  }

  return Buffer.concat(parts).toString('utf8');
}

/** Query parameters checked against a schema; a repeated key becomes an array. */
export function parseQuery<S extends z.ZodType>(url: string | URL, schema: S): z.infer<S> {
  const params = (typeof url === 'string' ? new URL(url) : url).searchParams;
  const value: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    value[key] = all.length > 1 ? all : all[0]!;
  }

  return validate(schema, value);
}

/** Form fields as a plain object for a schema; a repeated key becomes an array, files dropped. */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const value: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    // Next adds its own $ACTION_* fields to progressive-enhancement posts.
    if (key.startsWith('$ACTION')) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === 'string');
    if (all.length === 0) continue;
    value[key] = all.length > 1 ? all : all[0]!;
  }

  return value;
}

export function parseForm<S extends z.ZodType>(formData: FormData, schema: S): z.infer<S> {
  return validate(schema, formDataToObject(formData));
}
