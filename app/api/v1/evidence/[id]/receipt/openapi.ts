// The OpenAPI description of GET /api/v1/evidence/{id}/receipt (route.ts beside it).
import { authErrors, idParameter, problemResponse, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/evidence/{id}/receipt': {
      get: {
        tags: ['Certificates'],
        operationId: 'getEvidenceReceipt',
        summary: "The proof receipt (存证回执): a one-page bilingual PDF for the borrower, with the certificate attached",
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [idParameter('id', 'Evidence id (UUID).')],
        responses: {
          '200': { description: 'The PDF.', content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } },
          ...authErrors,
          '404': problemResponse('No such evidence for this caller.'),
          '409': problemResponse('The item is not anchored yet.'),
        },
      },
    },
  },
};
