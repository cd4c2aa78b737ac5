// The OpenAPI description of GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate} (route.ts beside it).
import { authErrors, idParameter, json, problemResponse, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';
import { dayViewSchema } from '@/lib/reconciliation/reconciliation-schemas';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}': {
      get: {
        tags: ['Reconciliation'],
        operationId: 'getReconciliationDay',
        summary: 'One business date: both side receipts and the draft statement',
        description:
          'Each committed side with its signed receipt (docs/reconciliation-format.md §9), and, once both sides are in, the statement ' +
          'Evident signed (§10) with its counts per class.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [idParameter('pairId', 'Co-lending pair id (UUID).'), idParameter('businessDate', 'Business date, YYYY-MM-DD.')],
        responses: {
          '200': json('ReconciliationDay', 'The day.'),
          '400': problemResponse('The date is not YYYY-MM-DD.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse('No such pair with your bank in it, or nothing committed for that date.'),
        },
      },
    },
  },
  schemas: { ReconciliationDay: schemaOf(dayViewSchema) },
};
