// The OpenAPI 3.1 description of the public API, served at GET /api/v1/openapi.json and rendered
// at /api-docs. Each route describes its own operations beside its route.ts (app/api/**/openapi.ts,
// written with openapi-toolkit.ts); app/api/build-api-document.ts hands them all to
// buildOpenApiDocument, which adds what the whole API shares. Request and response schemas are
// generated (z.toJSONSchema) from the zod schemas the routes validate with, so the document cannot
// describe a different API from the one running.
import { z } from 'zod';
import { ingestResponseSchema } from '../evidence/evidence-schemas';
import { certificateSchema } from '../proof/certificate-schema';
import { schemaOf, type JsonSchema, type OpenApiPathItem, type RouteApiDescription } from './openapi-toolkit';

const itemErrorSchema = z.object({
  index: z.int().min(0).describe('Position of the item in the request (NDJSON: the line, from 0).'),
  field: z.string().nullable().describe('Dotted path of the offending field; null when the item as a whole is wrong.'),
  message: z.string(),
});

// RFC 9457 problem details, with Evident's `code` and, for bulk requests, the per-item errors.
const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.string().optional().describe('Machine-readable error code, e.g. invalid-items, unauthorized, rate-limited.'),
  errors: z.array(itemErrorSchema).optional().describe('Bulk requests: the first 1000 invalid items.'),
  errorCount: z.int().optional().describe('Bulk requests: how many errors there are in all.'),
  fieldErrors: z
    .record(z.string(), z.array(z.string()))
    .optional()
    .describe('Uploads and forms (code invalid-fields): the messages for each offending field.'),
}).catchall(z.unknown()).describe('Other members name the subject of the error, e.g. evidenceId and the digests of stored-file-hash-mismatch.');

/** Component schemas that more than one route refers to; a route's own ones sit in its description. */
const sharedSchemas: Record<string, JsonSchema> = {
  IngestResponse: schemaOf(ingestResponseSchema),
  Certificate: schemaOf(certificateSchema),
  Problem: schemaOf(problemSchema),
};

/** The document, from every route's description in the order given; `serverUrl` is the deployment's
 * public base URL. A path or a component schema described twice is a mistake, and throws. */
export function buildOpenApiDocument({ serverUrl, routes }: { serverUrl: string; routes: RouteApiDescription[] }): Record<string, unknown> {
  const paths: Record<string, OpenApiPathItem> = {};
  const schemas: Record<string, JsonSchema> = { ...sharedSchemas };
  for (const route of routes) {
    for (const [path, item] of Object.entries(route.paths)) {
      if (path in paths) throw new Error(`The OpenAPI path ${path} is described twice.`);
      paths[path] = item;
    }
    for (const [name, schema] of Object.entries(route.schemas ?? {})) {
      if (name in schemas) throw new Error(`The OpenAPI component schema ${name} is defined twice.`);
      schemas[name] = schema;
    }
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Evident API',
      version: '1.0.0',
      description:
        'Electronic-evidence notarization. Lenders submit files, structured records (canonicalised with RFC 8785 and ' +
        'hashed) or bare SHA-256 digests; Evident seals them into Merkle batches anchored on a consortium chain and ' +
        'issues a signed certificate for each item. Authenticate with an API key: `Authorization: Bearer evk_…`. ' +
        'Every error is an RFC 9457 problem (application/problem+json).',
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    tags: [
      { name: 'Ingest', description: 'Submit evidence.' },
      { name: 'Evidence', description: 'Read back your evidence and its anchoring status.' },
      { name: 'Certificates', description: 'Certificates of anchored evidence, and their verification (public).' },
      { name: 'Cases', description: 'Arbitration cases: the evidence package a tribunal keeps.' },
      { name: 'Reconciliation', description: 'Co-lender reconciliation: each bank’s daily statement, signed receipts, the draft statement and its breaks.' },
      { name: 'Health', description: 'Liveness, readiness and the full health report, for monitoring and load balancers (public).' },
    ],
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'evk_<prefix>_<secret>',
          description: 'An API key created by the operator (`npx tsx scripts/create-api-key.ts`).',
        },
        portalSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'better-auth.session_token',
          description: 'The session cookie of a user signed in to the portal (/sign-in); the portal pages use it.',
        },
      },
      schemas,
    },
  };
}
