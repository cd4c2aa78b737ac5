// The OpenAPI description of GET /api/health/live (route.ts beside it).
import { json, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/health/live': {
      get: {
        tags: ['Health'],
        operationId: 'getLiveness',
        summary: 'Liveness: the process is up',
        description: 'Touches neither the database nor the chain; a supervisor restarts the process only when this fails.',
        security: [],
        responses: { '200': json('Liveness', 'The process serves requests.') },
      },
    },
  },
  schemas: {
    Liveness: { type: 'object', properties: { live: { const: true } }, required: ['live'] },
  },
};
