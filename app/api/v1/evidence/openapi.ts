// The OpenAPI description of GET /api/v1/evidence (route.ts beside it); the query parameters come from
// the zod schema the route parses the query with.
import { evidenceListQuerySchema, evidenceListResponseSchema } from '@/lib/evidence/evidence-schemas';
import { authErrors, json, problemResponse, schemaOf, type JsonSchema, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

const listQuery = schemaOf(evidenceListQuerySchema, 'input') as { properties: Record<string, JsonSchema> };
const queryParameters = Object.entries(listQuery.properties).map(([name, schema]) => {
  const { description, ...rest } = schema;
  return { name, in: 'query', required: false, description, schema: rest };
});

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/evidence': {
      get: {
        tags: ['Evidence'],
        operationId: 'listEvidence',
        summary: "List your organization's evidence",
        description: 'By sequence, ascending; page with `cursor` until `nextCursor` is null.',
        parameters: queryParameters,
        responses: {
          '200': json('EvidenceList', 'One page.'),
          '400': problemResponse('A query parameter is invalid.'),
          ...authErrors,
        },
      },
    },
  },
  schemas: {
    EvidenceList: schemaOf(evidenceListResponseSchema),
  },
};
