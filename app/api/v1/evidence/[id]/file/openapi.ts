// The OpenAPI description of GET /api/v1/evidence/{id}/file (route.ts beside it).
import { authErrors, idParameter, problemResponse, type RouteApiDescription } from '@/lib/http/openapi-toolkit';

export const routeApiDescription: RouteApiDescription = {
  paths: {
    '/api/v1/evidence/{id}/file': {
      get: {
        tags: ['Evidence'],
        operationId: 'getEvidenceOriginal',
        summary: 'The original: the uploaded file, or a record as its RFC 8785 canonical text',
        description:
          "Streams the stored original, re-hashed on the way: bytes whose SHA-256 is no longer the notarized one are refused (409) instead of sent. A record's original is the canonical JSON text its SHA-256 was computed over. `?disposition=inline` shows a PDF, PNG, JPEG, GIF or WebP original in the browser; any other type is still an attachment.",
        security: [{ apiKey: [] }, { portalSession: [] }],
        parameters: [
          idParameter('id', 'Evidence id (UUID).'),
          {
            name: 'disposition',
            in: 'query',
            required: false,
            description: '`inline` to preview a PDF or image original in the browser; anything else downloads it.',
            schema: { type: 'string', enum: ['inline', 'attachment'] },
          },
        ],
        responses: {
          '200': {
            description: 'The original, with its SHA-256 in the `X-Evident-Sha256` header.',
            headers: { 'X-Evident-Sha256': { description: 'The notarized SHA-256, 0x-hex.', schema: { type: 'string', pattern: '^0x[0-9a-f]{64}$' } } },
            // Any media type: the original's bytes as stored (a record's is application/json), so no schema.
            content: { '*/*': {} },
          },
          ...authErrors,
          '404': problemResponse('No such evidence for this caller, or a hash-only item (code original-file-not-stored): there is no original.'),
          '409': problemResponse('The stored original no longer has its notarized SHA-256 (code stored-file-hash-mismatch); nothing is sent.'),
        },
      },
    },
  },
};
