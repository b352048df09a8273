import { z } from 'zod';

import { parseTrustedProxies } from './http/trusted-proxy';

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const postgresUrl = z
  .string()
  .url()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL');

const jwtKeyList = z
  .array(
    z.object({
      kid: z.string().min(1),
      secret: z.string().min(32),
      verifyOnly: z.boolean().optional(),
    }),
  )
  .min(1);

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('production'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** Where the embedded default keeps its database, certificates and generated secrets. */
  DATA_DIR: z.string().min(1).default('.data'),

  /** The app's login role (NOBYPASSRLS, owns nothing). */
  DATABASE_URL: postgresUrl,
  /** The owner role, used only to run migrations. */
  MIGRATION_DATABASE_URL: postgresUrl.optional(),
  /** PEM file of the CA that signed the database server's certificate (verify-full). */
  DATABASE_CA_FILE: z.string().min(1).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),

  REDIS_URL: z.string().url().optional(),
  /** Prepended to every Redis key, so that several deployments (or tests) can share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .default('vetloop'),

  /** The public origin, e.g. https://vetloop.example; the only origin state changes may come from. */
  APP_ORIGIN: z.string().url(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3443),
  /** Optional plain-HTTP port that only redirects to HTTPS. */
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /**
   * Comma-separated IPs or CIDRs of the load balancer in front of the instances; only
   * sockets from these may name the client in X-Forwarded-For. Unset: the gateway is the edge.
   */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      try {
        parseTrustedProxies(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  TLS_CERT_FILE: z.string().min(1),
  TLS_KEY_FILE: z.string().min(1),

  /** Seals cookies (iron-session needs at least 32 characters). */
  SESSION_SECRET: z.string().min(32),
  /**
   * JSON array of { kid, secret } HMAC keys, newest first; the first one without
   * `"verifyOnly": true` signs, and every one verifies. With several instances a new key is
   * first rolled out verify-only, then made the signer (see lib/auth/jwt.ts).
   */
  JWT_KEYS: z
    .string()
    .transform((v, ctx) => {
      try {
        return jwtKeyList.parse(JSON.parse(v));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array of { kid, secret }' });

        return z.NEVER;
      }
    })
    .refine((keys) => keys.some((k) => !k.verifyOnly), 'needs one key without verifyOnly to sign'),
  /** Wraps each document's data key (AES-256-GCM). */
  DOCUMENT_MASTER_KEY: base64Key,
  /** Retired master keys (comma-separated base64) still able to unwrap until re-wrapped. */
  DOCUMENT_PREVIOUS_MASTER_KEYS: z
    .string()
    .optional()
    .refine(
      (v) => !v || v.split(',').every((k) => Buffer.from(k.trim(), 'base64').length === 32),
      'must be comma-separated 32-byte base64 keys',
    ),
  /** Where encrypted document bodies live: local disk under DATA_DIR, or S3-compatible. */
  DOCUMENT_STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(3).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),

  /** Optional single sign-on (OpenID Connect); on only when all three are set. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),

  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('VetLoop <no-reply@vetloop.local>'),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }

  return result.data;
}

let cached: Env | undefined;

/** The parsed environment; throws EnvError with every problem listed on a bad one. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);

  return cached;
}
