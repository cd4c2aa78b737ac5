// The OpenAPI description of GET /api/health/ready (route.ts beside it).
import { json, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

/** A part of the readiness check (database, storage); the full health report has them too. */
export const readinessPartSchema = {
  type: 'object',
  properties: { ok: { type: 'boolean' }, error: { type: 'string', description: 'Why not, when not ok.' } },
  required: ['ok'],
};

const readinessSchema = {
  type: 'object',
  properties: { ready: { type: 'boolean' }, database: readinessPartSchema, storage: readinessPartSchema },
  required: ['ready', 'database', 'storage'],
};

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/health/ready': {
      get: {
        tags: ['Health'],
        operationId: 'getReadiness',
        summary: 'Readiness to accept evidence',
        description:
          'The database answers and file storage takes a write. The chain is not part of it: evidence is accepted ' +
          'while the chain is down and anchored once it is back. A load balancer sends traffic only while this is 200.',
        security: [],
        responses: {
          '200': json('Readiness', 'Ready to accept evidence.'),
          '503': json('Readiness', 'Not ready: `database.error` or `storage.error` says why.'),
        },
      },
    },
  },
  schemas: {
    Readiness: readinessSchema,
  },
};
