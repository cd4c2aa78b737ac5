// The OpenAPI description of GET /api/v1/evidence/{id}/certificate (route.ts beside it).
import { authErrors, idParameter, json, problemResponse, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/evidence/{id}/certificate': {
      get: {
        tags: ['Certificates'],
        operationId: 'getEvidenceCertificate',
        summary: 'The signed certificate of an anchored item (JSON)',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [idParameter('id', 'Evidence id (UUID).')],
        responses: {
          '200': json('Certificate', 'The certificate, issued on first request and the same document afterwards.'),
          ...authErrors,
          '404': problemResponse('No such evidence for this caller.'),
          '409': problemResponse('The item is not anchored yet.'),
        },
      },
    },
  },
};
