// The OpenAPI description of GET /api/v1/certificates/{serial} (route.ts beside it).
import { idParameter, json, problemResponse, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/certificates/{serial}': {
      get: {
        tags: ['Certificates'],
        operationId: 'getCertificate',
        summary: 'A certificate by its serial (JSON)',
        security: [],
        parameters: [idParameter('serial', 'Serial, e.g. EVD-7K3M-9QX2-R5T8-WB4N.')],
        responses: {
          '200': json('Certificate', 'The certificate.'),
          '404': problemResponse('No such certificate.'),
          '410': problemResponse('Superseded: the item was anchored again under a new serial (see its status).'),
        },
      },
    },
  },
};
