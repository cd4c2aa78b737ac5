// The OpenAPI description of GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/export (route.ts beside it).
import { authErrors, idParameter, problemResponse, schemaOf, type JsonSchema, type RouteApiDescription } from '@/lib/http/openapi-toolkit';
import { dayExportQuerySchema } from '@/lib/reconciliation/export-reconciliation-day';

const query = schemaOf(dayExportQuerySchema, 'input') as { properties: Record<string, JsonSchema> };
const queryParameters = Object.entries(query.properties).map(([name, schema]) => {
  const { description, ...rest } = schema;
  return { name, in: 'query', required: true, description, schema: rest };
});

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/export': {
      get: {
        tags: ['Reconciliation'],
        operationId: 'exportReconciliationDay',
        summary: "A day's signed documents and breaks, as files",
        description:
          "The files a bank keeps to check the day without Evident (docs/reconciliation-format.md §9, §10): each side's signed receipt and the signed statement exactly as issued, " +
          "the break list whose RFC 8785 SHA-256 is the statement's `breaks.sha256`, and the breaks as CSV (UTF-8 with BOM). Recorded in the audit log.",
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [idParameter('pairId', 'Co-lending pair id (UUID).'), idParameter('businessDate', 'Business date, YYYY-MM-DD.'), ...queryParameters],
        responses: {
          '200': {
            description: 'The file, as an attachment.',
            content: {
              'application/json': { schema: { description: 'A signed receipt, the signed statement, or the break list (an array).' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          '400': problemResponse('`document` or the date is invalid.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse('No such pair with your bank in it, or nothing of that kind for that date yet (no side from that bank, no statement).'),
        },
      },
    },
  },
  schemas: {},
};
