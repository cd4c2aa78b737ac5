// The OpenAPI description of GET /api/v1/reconciliation/pairs (route.ts beside it).
import { authErrors, json, problemResponse, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';
import { pairViewSchema } from '@/lib/reconciliation/reconciliation-schemas';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/reconciliation/pairs': {
      get: {
        tags: ['Reconciliation'],
        operationId: 'listReconciliationPairs',
        summary: "The co-lending pairs your bank is in",
        description: 'Each pair says which bank (A or B) you are, its cut-off and tolerance rules, and your own column map. The pair key is never returned.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        responses: {
          '200': json('ReconciliationPairList', 'The pairs, by name.'),
          ...authErrors,
          '403': problemResponse('Not a lender: reconciliation is between banks.'),
        },
      },
    },
  },
  schemas: {
    ReconciliationPair: schemaOf(pairViewSchema),
    ReconciliationPairList: { type: 'object', properties: { pairs: { type: 'array', items: { $ref: '#/components/schemas/ReconciliationPair' } } }, required: ['pairs'] },
  },
};
