// The OpenAPI description of GET /api/v1/batches/{id} (route.ts beside it).
import { batchViewSchema } from '@/lib/batches/batch-view';
import { authErrors, idParameter, json, problemResponse, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/batches/{id}': {
      get: {
        tags: ['Evidence'],
        operationId: 'getBatch',
        summary: 'A batch: status, root, sequence range and anchor',
        description: 'Batches hold every organization’s items; a batch is found only if it holds some of yours.',
        parameters: [idParameter('id', 'Batch id (UUID), from `anchor.batchId` or `batchId` of an evidence item.')],
        responses: {
          '200': json('Batch', 'The batch; `anchor` is set once it is final.'),
          ...authErrors,
          '404': problemResponse('No such batch holding your evidence.'),
        },
      },
    },
  },
  schemas: {
    Batch: schemaOf(batchViewSchema),
  },
};
