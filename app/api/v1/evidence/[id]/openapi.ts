// The OpenAPI description of GET /api/v1/evidence/{id} (route.ts beside it).
import { evidenceViewSchema } from '@/lib/evidence/evidence-schemas';
import { authErrors, idParameter, json, problemResponse, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/evidence/{id}': {
      get: {
        tags: ['Evidence'],
        operationId: 'getEvidence',
        summary: 'One evidence item and its status',
        description:
          "404 unless the caller may see the item: an API key or a lender's session sees its organization's items, " +
          'a borrower the items that name them, a commission the items in cases filed to it.',
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [idParameter('id', 'Evidence id (UUID).')],
        responses: {
          '200': json('Evidence', 'The item; `certificateUrl` is set once it is anchored.'),
          ...authErrors,
          '404': problemResponse('No such evidence for this caller.'),
        },
      },
    },
  },
  schemas: {
    Evidence: schemaOf(evidenceViewSchema),
  },
};
