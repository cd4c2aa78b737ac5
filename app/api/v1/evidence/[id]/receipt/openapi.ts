// The OpenAPI description of GET /api/v1/evidence/{id}/receipt (route.ts beside it).
import { evidencePdfOperation, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/evidence/{id}/receipt': evidencePdfOperation({
      operationId: 'getEvidenceReceipt',
      summary: 'The proof receipt (存证回执): a one-page bilingual PDF for the borrower, with the certificate attached',
    }),
  },
};
