// The OpenAPI description of GET /api/v1/evidence/{id}/certificate/pdf (route.ts beside it).
import { evidencePdfOperation, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/evidence/{id}/certificate/pdf': evidencePdfOperation({
      operationId: 'getEvidenceCertificatePdf',
      summary: 'The certificate as a bilingual PDF, with the JSON attached',
    }),
  },
};
