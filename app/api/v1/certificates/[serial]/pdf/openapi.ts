// The OpenAPI description of GET /api/v1/certificates/{serial}/pdf (route.ts beside it).
import { idParameter, problemResponse, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/certificates/{serial}/pdf': {
      get: {
        tags: ['Certificates'],
        operationId: 'getCertificatePdf',
        summary: 'A certificate by its serial, as PDF',
        security: [],
        parameters: [idParameter('serial', 'Serial, e.g. EVD-7K3M-9QX2-R5T8-WB4N.')],
        responses: {
          '200': { description: 'The PDF.', content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } },
          '404': problemResponse('No such certificate.'),
          '410': problemResponse('Superseded: the item was anchored again under a new serial (see its status).'),
        },
      },
    },
  },
};
