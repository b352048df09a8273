import { z } from 'zod';

import { changeDocumentVisibilitySchema } from './change-document-visibility.schema';
import { uploadMetadataSchema } from './create-document.schema';

/** The documents API in OpenAPI 3.1, from the same zod schemas the routes parse with. */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;

  return json;
}

const uploadQuery = jsonSchema(uploadMetadataSchema) as { properties: Record<string, unknown> };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/E${s}` }]));
const referralId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};
const documentId = {
  name: 'docId',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};
const one = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['data'],
        properties: { data: { $ref: '#/components/schemas/Document' } },
      },
    },
  },
});

export const documentSchemas = {
  Document: {
    type: 'object',
    required: [
      'id',
      'referralId',
      'kind',
      'visibility',
      'filename',
      'contentType',
      'sizeBytes',
      'sha256',
    ],
    properties: {
      id: { type: 'string', format: 'uuid' },
      referralId: { type: 'string', format: 'uuid' },
      kind: { type: 'string', enum: ['record', 'report', 'image', 'other'] },
      visibility: { type: 'string', enum: ['internal', 'shared'] },
      filename: {
        type: 'string',
        description: 'The sanitised name given at upload; display only.',
      },
      downloadName: { type: 'string' },
      contentType: {
        type: 'string',
        description: 'Decided from the content, never from the name.',
      },
      sizeBytes: { type: 'integer' },
      sha256: {
        type: 'string',
        description: 'Hex SHA-256 of the plaintext, checked on every download.',
      },
      uploadedByType: { type: 'string' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
};

export const documentPaths = {
  '/api/v1/referrals/{id}/documents': {
    get: {
      summary: "List a referral's documents",
      parameters: [referralId],
      responses: {
        '200': {
          description: 'Documents, oldest first',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  data: { type: 'array', items: { $ref: '#/components/schemas/Document' } },
                },
              },
            },
          },
        },
        ...errors(401, 403, 404, 429),
      },
    },
    post: {
      summary: 'Upload a document (the raw file is the body; at most 25 MB)',
      description:
        'PDF, PNG, JPEG, GIF, WebP, TIFF, DICOM or UTF-8 text, typed by content. Stored encrypted (AES-256-GCM, a data key per file).',
      parameters: [
        referralId,
        ...Object.entries(uploadQuery.properties).map(([name, schema]) => ({
          name,
          in: 'query',
          schema,
        })),
      ],
      requestBody: {
        required: true,
        content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
      responses: { '201': one('Stored'), ...errors(400, 401, 403, 404, 413, 415, 429) },
    },
  },
  '/api/v1/referrals/{id}/documents/{docId}': {
    get: {
      summary: 'Download (or view inline) a document; recorded in the audit trail',
      parameters: [
        referralId,
        documentId,
        {
          name: 'disposition',
          in: 'query',
          schema: { type: 'string', enum: ['attachment', 'inline'] },
        },
      ],
      responses: {
        '200': {
          description: 'The decrypted file',
          content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
        },
        ...errors(401, 403, 404, 429),
      },
    },
    patch: {
      summary: 'Share a document with the referring vet, or make it internal',
      parameters: [referralId, documentId],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: jsonSchema(changeDocumentVisibilitySchema) } },
      },
      responses: { '200': one('Changed'), ...errors(400, 401, 403, 404, 415, 429) },
    },
  },
};
