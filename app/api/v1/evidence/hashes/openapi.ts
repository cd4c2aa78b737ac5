// The OpenAPI description of POST /api/v1/evidence/hashes (route.ts beside it).
import { hashInputSchema, MAX_ITEMS_PER_JSON_REQUEST } from '@/lib/evidence/evidence-schemas';
import { idempotencyKeyParameter, ingestErrors, ingestResponseExample, json, ref, schemaOf, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/evidence/hashes': {
      post: {
        tags: ['Ingest'],
        operationId: 'submitHashes',
        summary: 'Submit SHA-256 digests',
        description: `A JSON array of up to ${MAX_ITEMS_PER_JSON_REQUEST} digests of content that stays with you. All or nothing.`,
        parameters: [idempotencyKeyParameter],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'array', minItems: 1, maxItems: MAX_ITEMS_PER_JSON_REQUEST, items: ref('HashInput') },
              example: [
                {
                  sha256: '0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
                  fileName: 'loan-contract-L-2026-000123.pdf',
                  mediaType: 'application/pdf',
                  size: 182044,
                  type: 'loan_contract',
                  loanReference: 'L-2026-000123',
                },
              ],
            },
          },
        },
        responses: { '201': json('IngestResponse', 'Stored, in request order.', ingestResponseExample), ...ingestErrors },
      },
    },
  },
  schemas: {
    HashInput: schemaOf(hashInputSchema, 'input'),
  },
};
