import { z } from 'zod';

import { postMessageSchema } from '@/lib/messages/post-message.schema';

import { assignReferralSchema } from './assign-referral.schema';
import { changeStatusSchema } from './change-status.schema';
import { createReferralSchema } from './create-referral.schema';
import { listReferralsSchema } from './list-referrals.schema';
import { TRANSITIONS } from './state-machine';
import { updateReferralSchema } from './update-referral.schema';

/** Request schemas come from the same zod schemas the routes parse with, so they cannot drift. */
function body(schema: z.ZodType) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;

  return { required: true, content: { 'application/json': { schema: json } } };
}

function queryParameters(schema: z.ZodObject) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, unknown>;
  };

  return Object.entries(json.properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: false,
    schema: s,
    ...(name === 'status' ? { style: 'form', explode: true } : {}),
  }));
}

const ok = (description: string, ref = '#/components/schemas/Referral') => ({
  description,
  content: {
    'application/json': {
      schema: { type: 'object', properties: { data: { $ref: ref } }, required: ['data'] },
    },
  },
});

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]));

const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};

const transitionsText = TRANSITIONS.map(
  (t) =>
    `\`${t.action}\`: ${t.from.join(', ')} → ${t.to} (${t.permission}${t.required.length ? `; needs ${t.required.join(', ')}` : ''})`,
).join('\n- ');

export const referralPaths = {
  '/api/v1/referrals': {
    get: {
      operationId: 'listReferrals',
      summary: 'List referrals (inbox)',
      description:
        'Emergencies first by default. Keyset pagination: pass `nextCursor` back as `cursor` with the same `sort`. `countsByStatus` counts the same filters without the status filter.',
      parameters: queryParameters(listReferralsSchema),
      responses: {
        200: {
          description: 'A page of referrals',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  data: { type: 'array', items: { $ref: '#/components/schemas/ReferralListItem' } },
                  nextCursor: { type: ['string', 'null'] },
                  countsByStatus: { type: 'object', additionalProperties: { type: 'integer' } },
                },
              },
            },
          },
        },
        ...errors(400, 401, 403, 429),
      },
    },
    post: {
      operationId: 'createReferral',
      summary: 'File a referral on behalf of a referring vet',
      requestBody: body(createReferralSchema),
      responses: { 201: ok('The new referral'), ...errors(400, 401, 403, 415, 429) },
    },
  },
  '/api/v1/referrals/{id}': {
    parameters: [idParam],
    get: {
      operationId: 'getReferral',
      summary: 'Read a referral (recorded as a view)',
      responses: { 200: ok('The referral'), ...errors(401, 403, 404, 429) },
    },
    patch: {
      operationId: 'updateReferral',
      summary: 'Edit details; each changed field is recorded before and after',
      requestBody: body(updateReferralSchema.omit({ referralId: true })),
      responses: { 200: ok('The updated referral'), ...errors(400, 401, 403, 404, 409, 415, 429) },
    },
  },
  '/api/v1/referrals/{id}/status': {
    parameters: [idParam],
    post: {
      operationId: 'changeReferralStatus',
      summary: 'Take one step of the lifecycle',
      description: `Steps (from → to, permission, required fields):\n- ${transitionsText}\n\nAny other step answers 409 invalid_transition.`,
      requestBody: body(changeStatusSchema.omit({ referralId: true })),
      responses: {
        200: ok('The referral after the step'),
        ...errors(400, 401, 403, 404, 409, 415, 429),
      },
    },
  },
  '/api/v1/referrals/{id}/assignee': {
    parameters: [idParam],
    put: {
      operationId: 'assignReferral',
      summary: 'Assign a clinician, or null to unassign',
      requestBody: body(assignReferralSchema.omit({ referralId: true })),
      responses: { 200: ok('The referral'), ...errors(400, 401, 403, 404, 415, 429) },
    },
  },
  '/api/v1/referrals/{id}/messages': {
    parameters: [idParam],
    get: {
      operationId: 'listMessages',
      summary: 'The thread and internal notes, oldest first (marks them read)',
      responses: {
        200: {
          description: 'Messages',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  data: { type: 'array', items: { $ref: '#/components/schemas/Message' } },
                },
              },
            },
          },
        },
        ...errors(401, 403, 404, 429),
      },
    },
    post: {
      operationId: 'postMessage',
      summary: 'Post to the shared thread (emails the referring vet) or add an internal note',
      requestBody: body(postMessageSchema.omit({ referralId: true })),
      responses: {
        201: ok('The message', '#/components/schemas/Message'),
        ...errors(400, 401, 403, 404, 415, 429),
      },
    },
  },
};

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({
  type: [type, 'null'],
  ...extra,
});

export const referralSchemas = {
  Referral: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      reference: { type: 'string' },
      status: { type: 'string' },
      urgency: { type: 'string', enum: ['emergency', 'urgent', 'routine'] },
      service: { type: 'string' },
      patient: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          species: { type: 'string' },
          breed: nullable('string'),
          sex: nullable('string'),
          dateOfBirth: nullable('string', { format: 'date' }),
          weightKg: nullable('number'),
        },
      },
      owner: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          phone: nullable('string'),
          email: nullable('string'),
          consent: { type: 'boolean' },
        },
      },
      referringVet: { type: 'object' },
      reason: { type: 'string' },
      history: nullable('string'),
      medications: nullable('string'),
      assigneeUserId: nullable('string', { format: 'uuid' }),
      decline: nullable('object'),
      appointment: nullable('object'),
      submittedAt: nullable('string', { format: 'date-time' }),
      statusChangedAt: { type: 'string', format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  ReferralListItem: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      reference: { type: 'string' },
      status: { type: 'string' },
      urgency: { type: 'string' },
      service: { type: 'string' },
      patientName: { type: 'string' },
      dueAt: nullable('string', { format: 'date-time' }),
      overdue: { type: 'boolean' },
      unreadMessages: { type: 'integer' },
    },
  },
  Message: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      visibility: { type: 'string', enum: ['shared', 'internal'] },
      author: {
        type: 'object',
        properties: { type: { type: 'string' }, name: { type: 'string' } },
      },
      body: { type: 'string', description: 'Plain text; never HTML' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
};
