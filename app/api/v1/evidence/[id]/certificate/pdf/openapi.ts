// The OpenAPI description of GET /api/v1/evidence/{id}/certificate/pdf (route.ts beside it).
import { authErrors, idParameter, problemResponse, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/evidence/{id}/certificate/pdf': {
      get: {
        tags: ['Certificates'],
        operationId: 'getEvidenceCertificatePdf',
        summary: 'The certificate as a bilingual PDF, with the JSON attached',
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
