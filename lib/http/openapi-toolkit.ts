// The pieces every route's OpenAPI description (app/api/**/openapi.ts) is written with: the shapes
// of a path and an operation, zod-to-JSON-Schema, references to component schemas, and the
// responses and parameters many routes share. lib/http/openapi-document.ts assembles the document.
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiOperation {
  tags: string[];
  operationId: string;
  summary: string;
  description?: string;
  /** Leave out to require the document's default, the API key; `[]` for a public operation. */
  security?: Array<Record<string, string[]>>;
  parameters?: JsonSchema[];
  requestBody?: JsonSchema;
  responses: Record<string, JsonSchema>;
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch';

export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>>;

/** What one route folder adds to the document: its paths, and the component schemas only they use. */
export interface RouteApiDescription {
  paths: Record<string, OpenApiPathItem>;
  schemas?: Record<string, JsonSchema>;
}

/** The JSON Schema of a zod schema, as the request (`input`) or the response (`output`) has it. */
export function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return json;
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

export const json = (schemaName: string, description: string, example?: unknown) => ({
  description,
  content: { 'application/json': { schema: ref(schemaName), ...(example === undefined ? {} : { example }) } },
});

/** What apiRoute answers for an operation that takes an API key (lib/http/api-route.ts). */
export const authErrors = {
  '401': {
    ...problemResponse('No API key, or an unknown, malformed or revoked one. The response carries `WWW-Authenticate: Bearer`.'),
    headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer realm="evident"' } },
  },
  '429': {
    ...problemResponse('The API key exceeded its rate limit.'),
    headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds until a request will be accepted.' } },
  },
  '503': {
    ...problemResponse('`database-unavailable`: the database cannot be reached at the moment; nothing was changed. Send the request again.'),
    headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait before retrying.' } },
  },
};

/** The errors of the two bulk ingest endpoints, /records and /hashes. */
export const ingestErrors = {
  '400': problemResponse(
    'Not JSON, invalid items (a duplicate key or a NUL character included), or a body the client abandoned: nothing was ' +
      'stored, and `errors` lists `{ index, field, message }`.',
  ),
  ...authErrors,
  '403': problemResponse('The API key belongs to an organization that is not a lender.'),
  '507': problemResponse('The server has no space left (code storage-full); nothing was stored.'),
  '413': problemResponse('The body, an NDJSON line, or the number of items is over the limit.'),
  '422': problemResponse('The Idempotency-Key was already used with a different request.'),
};

export const ingestResponseExample = {
  items: [
    {
      index: 0,
      id: '0b8f5c1e-6a57-4c2e-9d43-2f1e7b9d3a10',
      sequence: '1042',
      sha256: '0x5e9c1b7f3c2a8d4e6f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60',
    },
  ],
};

export const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any unique string (e.g. a UUID) up to 255 visible ASCII characters. A retry with the same key and the same body ' +
    'returns the first response (with `Idempotent-Replayed: true`) and stores nothing; the same key with a different ' +
    'body is refused with 422. Keys are per organization.',
  schema: { type: 'string', maxLength: 255 },
};

export const idParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

/** GET /api/v1/evidence/{id}/certificate/pdf and /receipt: one route (evidence-document-route.ts)
 * serves both PDFs of an item, so one description does too. */
export function evidencePdfOperation({ operationId, summary }: { operationId: string; summary: string }): { get: OpenApiOperation } {
  return {
    get: {
      tags: ['Certificates'],
      operationId,
      summary,
      security: [{ apiKey: [] }, { portalSession: [] }],
      parameters: [idParameter('id', 'Evidence id (UUID).')],
      responses: {
        '200': { description: 'The PDF.', content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } },
        ...authErrors,
        '404': problemResponse('No such evidence for this caller.'),
        '409': problemResponse('The item is not anchored yet.'),
      },
    },
  };
}
