// The OpenAPI description of GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks (route.ts beside it).
import { authErrors, idParameter, json, problemResponse, schemaOf, type JsonSchema, type RouteApiDescription } from '@/lib/http/openapi-toolkit';
import { breakPageSchema, breaksQuerySchema } from '@/lib/reconciliation/reconciliation-schemas';

const listQuery = schemaOf(breaksQuerySchema, 'input') as { properties: Record<string, JsonSchema> };
const queryParameters = Object.entries(listQuery.properties).map(([name, schema]) => {
  const { description, ...rest } = schema;
  return { name, in: 'query', required: false, description, schema: rest };
});

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks': {
      get: {
        tags: ['Reconciliation'],
        operationId: 'listReconciliationBreaks',
        summary: "A day's breaks, in key order",
        description:
          'Keys only on A, only on B, with fields that differ, and rows a tolerance rule absorbed (`within-tolerance`, with the rule). ' +
          'Page with `cursor` until `nextCursor` is null; `class` filters.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [idParameter('pairId', 'Co-lending pair id (UUID).'), idParameter('businessDate', 'Business date, YYYY-MM-DD.'), ...queryParameters],
        responses: {
          '200': json('ReconciliationBreakPage', 'One page.'),
          '400': problemResponse('A query parameter or the date is invalid.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse('No such pair with your bank in it, or no statement for that date yet.'),
        },
      },
    },
  },
  schemas: { ReconciliationBreakPage: schemaOf(breakPageSchema) },
};
