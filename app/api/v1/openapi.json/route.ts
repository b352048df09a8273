import { ERROR_CODES } from '@/lib/http/errors';
import { json } from '@/lib/http/respond';
import { documentPaths, documentSchemas } from '@/lib/documents/openapi-paths';
import { referralPaths, referralSchemas } from '@/lib/referrals/openapi-paths';

// Each domain exports its own paths and schemas; add yours to these spreads.
const paths = { ...referralPaths, ...documentPaths };
const schemas = { ...referralSchemas, ...documentSchemas };

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_CODES) },
        message: { type: 'string' },
        requestId: { type: 'string' },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const responses = Object.fromEntries(
  [...new Set(Object.values(ERROR_CODES).map((e) => e.status))].map((status) => [
    `E${status}`,
    {
      description: Object.values(ERROR_CODES)
        .filter((e) => e.status === status)
        .map((e) => e.message)
        .join(' / '),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    },
  ]),
);

const document = {
  openapi: '3.1.0',
  info: {
    title: 'VetLoop API',
    version: '1.0.0',
    description:
      'Every request is scoped to the practice of its token. Another practice’s objects answer 404 not_found. Errors share one body: { error: { code, message, requestId, fields? } }.',
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }],
  paths,
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    },
    schemas: { Error: errorSchema, ...schemas },
    responses,
  },
};

/** The OpenAPI 3.1 description of /api/v1; it describes, and holds no data. */
export function GET(): Response {
  return json(document);
}
