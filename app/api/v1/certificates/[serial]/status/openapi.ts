// The OpenAPI description of GET /api/v1/certificates/{serial}/status (route.ts beside it).
import { revocationStatusSchema } from '@/lib/proof/revocation-status';
import { idParameter, json, problemResponse, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/certificates/{serial}/status': {
      get: {
        tags: ['Certificates'],
        operationId: 'getCertificateStatus',
        summary: 'Whether a certificate is revoked or superseded',
        security: [],
        parameters: [idParameter('serial', 'Serial, e.g. EVD-7K3M-9QX2-R5T8-WB4N.')],
        responses: { '200': json('RevocationStatus', 'The revocation status.'), '404': problemResponse('No such certificate.') },
      },
    },
  },
  schemas: {
    RevocationStatus: schemaOf(revocationStatusSchema),
  },
};
