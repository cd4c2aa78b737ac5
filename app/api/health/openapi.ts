// The OpenAPI description of GET /api/health (route.ts beside it).
import { readinessPartSchema } from './ready/openapi';
import { json, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

const healthSchema = {
  type: 'object',
  properties: {
    ok: { type: 'boolean', description: 'Ready, the chain answers, and anchoring is not degraded.' },
    ready: { type: 'boolean', description: 'Evidence can be accepted (database and storage); the HTTP status follows it.' },
    database: readinessPartSchema,
    storage: readinessPartSchema,
    chain: {
      type: 'object',
      properties: { ok: { type: 'boolean' }, blockNumber: { type: 'string' }, error: { type: 'string' } },
      required: ['ok'],
    },
    anchoring: {
      type: 'object',
      properties: {
        status: { enum: ['ok', 'degraded'], description: '`degraded`: batches are not being anchored now; they are once the cause is gone.' },
        reason: { type: 'string' },
      },
      required: ['status'],
    },
    batcher: {
      type: 'object',
      properties: {
        oldestUnanchoredAgeSeconds: { type: ['integer', 'null'] },
        lastAnchoredBlock: { type: ['string', 'null'] },
        unfinishedBatches: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Batches per anchoring state that are not final.' },
        waitingBatches: {
          type: 'integer',
          description: 'Batches that cannot be anchored now: every unfinished batch while the chain does not answer, else those whose member key is missing or not a member.',
        },
        waiting: {
          type: 'array',
          description: 'Only for a regulator or operator session.',
          items: {
            type: 'object',
            properties: {
              organizationId: { type: ['string', 'null'] },
              organization: { type: ['string', 'null'] },
              batches: { type: 'integer' },
              reason: { type: 'string' },
            },
          },
        },
      },
      required: ['oldestUnanchoredAgeSeconds', 'lastAnchoredBlock', 'unfinishedBatches', 'waitingBatches'],
    },
  },
  required: ['ok', 'ready', 'database', 'storage', 'chain', 'anchoring', 'batcher'],
};

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/health': {
      get: {
        tags: ['Health'],
        operationId: 'getHealth',
        summary: 'The full health report',
        description:
          'Readiness (database, storage), the chain node, the anchoring status and the batcher lag. The HTTP status ' +
          'follows readiness only: a chain that does not answer makes `anchoring.status` `degraded` and `ok` false, ' +
          'with 200. A regulator or operator session also gets `batcher.waiting` (whose batches wait, and why).',
        security: [],
        responses: {
          '200': json('Health', 'Ready; see `ok` and `anchoring` for the rest.'),
          '503': json('Health', 'Not ready to accept evidence.'),
        },
      },
    },
  },
  schemas: {
    Health: healthSchema,
  },
};
