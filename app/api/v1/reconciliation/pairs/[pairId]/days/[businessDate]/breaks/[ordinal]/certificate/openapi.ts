// The OpenAPI description of GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks/{ordinal}/certificate (route.ts beside it).
import { authErrors, idParameter, problemResponse, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks/{ordinal}/certificate': {
      get: {
        tags: ['Reconciliation'],
        operationId: 'getReconciliationBreakCertificate',
        summary: 'The reconciliation certificate of one break',
        description:
          'A signed, self-contained reconciliation certificate (docs/reconciliation-format.md §12) for the break at `ordinal` in the day’s ' +
          'break list: a field mismatch is one certificate (both rows and the differing field, opened); an only-A or only-B break has two ' +
          'halves, `proof=inclusion` (the record in the side that has it, the default) and `proof=absence` (the key absent from the other). ' +
          'Issued at the first download and stored, so every download is the same file. Check it with `npx evident-verify`, `/verify` or ' +
          '`POST /api/v1/verify`.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [
          idParameter('pairId', 'Co-lending pair id (UUID).'),
          idParameter('businessDate', 'Business date, YYYY-MM-DD.'),
          idParameter('ordinal', 'The break’s position in the day’s break list (0-based).'),
          { name: 'proof', in: 'query', required: false, schema: { type: 'string', enum: ['inclusion', 'absence', 'field-mismatch'] }, description: 'Which half of an only-A / only-B break.' },
        ],
        responses: {
          '200': { description: 'The certificate file.', content: { 'application/json': { schema: { type: 'object' } } } },
          '400': problemResponse('The date, the proof or the query is not one this endpoint reads; a timing or within-tolerance break has no certificate in version 1.'),
          ...authErrors,
          '403': problemResponse('Not a lender.'),
          '404': problemResponse('No such pair with your bank in it, or no such break.'),
          '409': problemResponse('The statement is not drafted yet.'),
        },
      },
    },
  },
  schemas: {},
};
