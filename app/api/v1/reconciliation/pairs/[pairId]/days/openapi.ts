// The OpenAPI description of GET /api/v1/reconciliation/pairs/{pairId}/days (route.ts beside it).
import { authErrors, idParameter, json, problemResponse, schemaOf, type JsonSchema, type RouteApiDescription } from '@/lib/http/openapi-toolkit';
import { dayListQuerySchema, dayListSchema } from '@/lib/reconciliation/reconciliation-schemas';

const listQuery = schemaOf(dayListQuerySchema, 'input') as { properties: Record<string, JsonSchema> };
const queryParameters = Object.entries(listQuery.properties).map(([name, schema]) => {
  const { description, ...rest } = schema;
  return { name, in: 'query', required: false, description, schema: rest };
});

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/reconciliation/pairs/{pairId}/days': {
      get: {
        tags: ['Reconciliation'],
        operationId: 'listReconciliationDays',
        summary: "A pair's business dates, latest first",
        description: 'Each date with each side’s commit time and row count, and the statement’s status once drafted.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [idParameter('pairId', 'Co-lending pair id (UUID).'), ...queryParameters],
        responses: {
          '200': json('ReconciliationDayList', 'Up to `limit` dates.'),
          '400': problemResponse('A query parameter is invalid.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse('No such pair with your bank in it.'),
        },
      },
    },
  },
  schemas: { ReconciliationDayList: schemaOf(dayListSchema) },
};
