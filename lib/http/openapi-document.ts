// The OpenAPI 3.1 description of the public API, served at GET /api/v1/openapi.json and rendered
// at /api-docs. Request and response schemas are generated (z.toJSONSchema) from the zod schemas
// the routes validate with, so the document cannot describe a different API from the one running.
import { z } from 'zod';
import { batchViewSchema } from '../batches/batch-view';
import { certificateSchema } from '../proof/certificate-schema';
import {
  evidenceListQuerySchema,
  evidenceListResponseSchema,
  evidenceViewSchema,
  fileFieldsSchema,
  hashInputSchema,
  ingestResponseSchema,
  MAX_ITEMS_PER_JSON_REQUEST,
  MAX_NDJSON_LINE_BYTES,
  MAX_NDJSON_LINES,
  recordInputSchema,
  resumableUploadStatusSchema,
  uploadedEvidenceSchema,
} from '../evidence/evidence-schemas';
import { revocationStatusSchema } from '../proof/revocation-status';
import { CHECK_CODES, CHECK_IDS } from '../proof/verification-report';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return json;
}

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

const verificationReportSchema = z.object({
  valid: z.boolean().describe('True when every check that ran passed.'),
  checks: z.array(
    z.object({
      id: z.enum(CHECK_IDS),
      status: z.enum(['pass', 'fail', 'skipped']),
      message: z.string(),
      code: z.enum(CHECK_CODES).optional().describe('Which outcome this is, e.g. file-hash.mismatch; stable, unlike the message.'),
      params: z.record(z.string(), z.string()).optional().describe('The values the message names; times as ISO-8601 UTC.'),
      details: z.record(z.string(), z.string()).optional(),
    }),
  ),
  certificate: certificateSchema.optional(),
});

const verifyJsonRequestSchema = z.object({
  certificate: z.record(z.string(), z.unknown()).describe('The certificate JSON (format: docs/proof-format.md).'),
  fileSha256: z.string().regex(/^0x[0-9a-fA-F]{64}$/).optional().describe('SHA-256 of the original file, to check it too.'),
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

const json = (schemaName: string, description: string, example?: unknown) => ({
  description,
  content: { 'application/json': { schema: ref(schemaName), ...(example === undefined ? {} : { example }) } },
});

const authErrors = {
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

const ingestErrors = {
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

const tusHeader = (description: string) => ({ schema: { type: 'string' }, description });

const tusResumableParameter = {
  name: 'Tus-Resumable',
  in: 'header',
  required: true,
  description: 'The tus protocol version: 1.0.0.',
  schema: { type: 'string', const: '1.0.0' },
};

const uploadIdParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any unique string (e.g. a UUID) up to 255 visible ASCII characters. A retry with the same key and the same body ' +
    'returns the first response (with `Idempotent-Replayed: true`) and stores nothing; the same key with a different ' +
    'body is refused with 422. Keys are per organization.',
  schema: { type: 'string', maxLength: 255 },
};

const idParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

const ingestResponseExample = {
  items: [
    {
      index: 0,
      id: '0b8f5c1e-6a57-4c2e-9d43-2f1e7b9d3a10',
      sequence: '1042',
      sha256: '0x5e9c1b7f3c2a8d4e6f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60',
    },
  ],
};

const recordExample = [
  {
    type: 'repayment_record',
    loanReference: 'L-2026-000123',
    borrowerReference: 'B-88217',
    data: { loanId: 'L-2026-000123', instalment: 3, amount: '1520.00', currency: 'CNY', paidAt: '2026-03-01T09:30:00+08:00' },
  },
];

const partStatus = {
  type: 'object',
  properties: { ok: { type: 'boolean' }, error: { type: 'string', description: 'Why not, when not ok.' } },
  required: ['ok'],
};

const readinessSchema = {
  type: 'object',
  properties: { ready: { type: 'boolean' }, database: partStatus, storage: partStatus },
  required: ['ready', 'database', 'storage'],
};

const healthSchema = {
  type: 'object',
  properties: {
    ok: { type: 'boolean', description: 'Ready, the chain answers, and anchoring is not degraded.' },
    ready: { type: 'boolean', description: 'Evidence can be accepted (database and storage); the HTTP status follows it.' },
    database: partStatus,
    storage: partStatus,
    chain: {
      type: 'object',
      properties: { ok: { type: 'boolean' }, blockNumber: { type: 'string' }, error: { type: 'string' } },
      required: ['ok'],
    },
    anchoring: {
      type: 'object',
      properties: {
        status: { enum: ['ok', 'degraded'], description: '`degraded`: batches are not being anchored now; they are once the cause is gone.' },
        reason: { type: 'string' },
      },
      required: ['status'],
    },
    batcher: {
      type: 'object',
      properties: {
        oldestUnanchoredAgeSeconds: { type: ['integer', 'null'] },
        lastAnchoredBlock: { type: ['string', 'null'] },
        unfinishedBatches: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Batches per anchoring state that are not final.' },
        waitingBatches: {
          type: 'integer',
          description: 'Batches that cannot be anchored now: every unfinished batch while the chain does not answer, else those whose member key is missing or not a member.',
        },
        waiting: {
          type: 'array',
          description: 'Only for a regulator or operator session.',
          items: {
            type: 'object',
            properties: {
              organizationId: { type: ['string', 'null'] },
              organization: { type: ['string', 'null'] },
              batches: { type: 'integer' },
              reason: { type: 'string' },
            },
          },
        },
      },
      required: ['oldestUnanchoredAgeSeconds', 'lastAnchoredBlock', 'unfinishedBatches', 'waitingBatches'],
    },
  },
  required: ['ok', 'ready', 'database', 'storage', 'chain', 'anchoring', 'batcher'],
};

/** The document; `serverUrl` is the deployment's public base URL. */
export function buildOpenApiDocument({ serverUrl }: { serverUrl: string }): Record<string, unknown> {
  const listQuery = schemaOf(evidenceListQuerySchema, 'input') as { properties: Record<string, JsonSchema> };
  const fileFields = schemaOf(fileFieldsSchema, 'input') as { properties: Record<string, JsonSchema> };
  const queryParameters = Object.entries(listQuery.properties).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: 'query', required: false, description, schema: rest };
  });

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
      { name: 'Health', description: 'Liveness, readiness and the full health report, for monitoring and load balancers (public).' },
    ],
    paths: {
      '/api/v1/evidence/records': {
        post: {
          tags: ['Ingest'],
          operationId: 'submitRecords',
          summary: 'Submit structured records',
          description:
            `A JSON array of up to ${MAX_ITEMS_PER_JSON_REQUEST} records, or \`Content-Type: application/x-ndjson\` with ` +
            `one record per line (up to ${MAX_NDJSON_LINES} lines of at most ${MAX_NDJSON_LINE_BYTES} bytes). Each ` +
            '`data` is canonicalised with RFC 8785 (JCS); the SHA-256 of its UTF-8 bytes is what is notarized. All or ' +
            'nothing: if any record is invalid, nothing is stored and the 400 problem lists every error.',
          parameters: [idempotencyKeyParameter],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'array', minItems: 1, maxItems: MAX_ITEMS_PER_JSON_REQUEST, items: ref('RecordInput') },
                example: recordExample,
              },
              'application/x-ndjson': {
                schema: { type: 'string', description: 'One RecordInput JSON object per line.' },
                example: recordExample.map((record) => JSON.stringify(record)).join('\n') + '\n',
              },
            },
          },
          responses: { '201': json('IngestResponse', 'Stored, in request order.', ingestResponseExample), ...ingestErrors },
        },
      },
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
      '/api/v1/evidence/files': {
        post: {
          tags: ['Ingest'],
          operationId: 'uploadFile',
          summary: 'Upload one file',
          description:
            'multipart/form-data with the fields first and then exactly one `file` part; the fields are checked before ' +
            'any of the file is stored, and the file streams to storage and is hashed on the way. The evidence belongs ' +
            "to the caller's organization (a lender's API key, or a lender's portal session). Naming a borrower " +
            '(borrowerName plus borrowerIdNumber, borrowerPhone or borrowerEmail) links the item to them, and they can ' +
            'then see it. Portal uploads must give title, type and borrower.',
          security: [{ apiKey: [] }, { portalSession: [] }],
          parameters: [idempotencyKeyParameter],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: {
                    ...fileFields.properties,
                    file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The file.' },
                  },
                  required: ['file'],
                },
              },
            },
          },
          responses: {
            '201': json('UploadedEvidence', 'Stored; its status is pending until sealed into a batch.'),
            '400': problemResponse(
              'Not multipart, no file, an empty file, or the sha256 field differs; or fields are invalid (code ' +
                '`invalid-fields`, with `fieldErrors` naming each field).',
            ),
            ...authErrors,
            '403': problemResponse('Signed in, but not as a lender: only lenders submit evidence.'),
            '409': problemResponse(
              'Signed in through the portal, the upload names a new borrower whose name the organization already has under ' +
                'another identifier (code `same-name-borrower`, with `existingBorrowers` holding their masked identifiers); ' +
                'send `confirmSameNameBorrower=true` if it is another person.',
            ),
            '413': problemResponse('The file is over MAX_UPLOAD_BYTES.'),
            '422': problemResponse('The Idempotency-Key was already used with a different upload.'),
          },
        },
      },
      '/api/v1/uploads': {
        options: {
          tags: ['Ingest'],
          operationId: 'discoverResumableUploads',
          summary: 'What the resumable-upload server supports (tus)',
          description: 'Public: the tus version, extensions and largest upload (MAX_UPLOAD_BYTES).',
          security: [],
          responses: {
            '204': {
              description: 'Supported.',
              headers: { 'Tus-Version': tusHeader('1.0.0'), 'Tus-Extension': tusHeader('creation,creation-with-upload,creation-defer-length,termination,expiration'), 'Tus-Max-Size': tusHeader('MAX_UPLOAD_BYTES') },
            },
          },
        },
        post: {
          tags: ['Ingest'],
          operationId: 'createResumableUpload',
          summary: 'Start a resumable upload of one large file (tus 1.0 creation)',
          description:
            'For large files over unreliable networks: the tus 1.0 protocol (https://tus.io/protocols/resumable-upload), ' +
            'so any tus client works (tus-js-client, tus-java-client, tuspy, ...). Send `Tus-Resumable: 1.0.0`, ' +
            '`Upload-Length` (at most MAX_UPLOAD_BYTES) and `Upload-Metadata`: comma-separated `key base64(value)` pairs ' +
            'with `filename`, `filetype`, `sha256` (the 0x-hex SHA-256 you computed; recommended) and the fields of ' +
            'POST /api/v1/evidence/files (title, type, loanReference, borrowerReference, borrowerName, borrowerIdNumber, ' +
            'borrowerPhone, borrowerEmail, confirmSameNameBorrower, source). They are checked now, with the same rules and ' +
            'messages, so a bad field is refused before any byte is sent. Then PATCH the bytes to the `Location`; after a ' +
            'broken connection, HEAD it for `Upload-Offset` and PATCH on from there. The PATCH that completes the file ' +
            'makes the evidence item. An upload not finished within RESUMABLE_UPLOAD_EXPIRY_MINUTES is removed.',
          security: [{ apiKey: [] }, { portalSession: [] }],
          parameters: [
            tusResumableParameter,
            { name: 'Upload-Length', in: 'header', required: true, schema: { type: 'integer', minimum: 1 }, description: 'The size of the file in bytes.' },
            { name: 'Upload-Metadata', in: 'header', required: false, schema: { type: 'string' }, description: 'The description of the file, as above.' },
          ],
          responses: {
            '201': {
              description: 'Created; send the bytes to `Location`.',
              headers: {
                Location: tusHeader('/api/v1/uploads/{id}'),
                'Upload-Expires': tusHeader('When the unfinished upload is removed (RFC 7231 date).'),
              },
            },
            '400': problemResponse('Invalid metadata (code `invalid-fields`, with `fieldErrors` naming each field), no or a zero Upload-Length.'),
            ...authErrors,
            '403': problemResponse('Signed in, but not as a lender: only lenders submit evidence.'),
            '409': problemResponse('A portal upload names a new borrower of a name already on record (code `same-name-borrower`), as for POST /api/v1/evidence/files.'),
            '412': problemResponse('No `Tus-Resumable: 1.0.0` header.'),
            '413': problemResponse('Upload-Length is over MAX_UPLOAD_BYTES (code `upload-too-large`).'),
          },
        },
      },
      '/api/v1/uploads/{id}': {
        head: {
          tags: ['Ingest'],
          operationId: 'resumableUploadOffset',
          summary: 'How many bytes of the upload the server has (tus)',
          security: [{ apiKey: [] }, { portalSession: [] }],
          parameters: [uploadIdParameter, tusResumableParameter],
          responses: {
            '200': { description: 'Resume from `Upload-Offset`.', headers: { 'Upload-Offset': tusHeader('Bytes received.'), 'Upload-Length': tusHeader('The size of the file.') } },
            '401': { description: 'No API key or session.' },
            '403': { description: 'Not a lender.' },
            '404': { description: "Unknown, swept after it expired, or another organization's upload." },
            '410': { description: 'Expired: start a new upload.' },
          },
        },
        patch: {
          tags: ['Ingest'],
          operationId: 'appendToResumableUpload',
          summary: 'Send bytes of the upload from Upload-Offset (tus)',
          description:
            'The body streams to disk. The PATCH that completes the file hashes it on the server (SHA-256 of the bytes ' +
            'received) and, if `sha256` was given, compares: a mismatch removes the upload and stores nothing (400 ' +
            '`hash-mismatch`). Otherwise the evidence item is recorded exactly as an upload to POST /api/v1/evidence/files ' +
            'would be, and its id is in `Evident-Evidence-Id`; GET the upload for the whole item. Sending the completing ' +
            'PATCH again (a lost answer) answers with the same item and makes no second one.',
          security: [{ apiKey: [] }, { portalSession: [] }],
          parameters: [uploadIdParameter, tusResumableParameter, { name: 'Upload-Offset', in: 'header', required: true, schema: { type: 'integer', minimum: 0 } }],
          requestBody: { required: true, content: { 'application/offset+octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          responses: {
            '204': {
              description: 'Stored up to `Upload-Offset`.',
              headers: { 'Upload-Offset': tusHeader('Bytes received.'), 'Evident-Evidence-Id': tusHeader('On the completing PATCH: the evidence item the file became.') },
            },
            '400': problemResponse('`hash-mismatch` (nothing stored), `request-aborted` (the body broke off; resume from HEAD), or missing tus headers.'),
            ...authErrors,
            '403': problemResponse('Not a lender.'),
            '404': problemResponse("Unknown, swept, or another organization's upload (code `upload-not-found`)."),
            '409': problemResponse('`Upload-Offset` is not the server\'s offset (code `upload-offset-conflict`): HEAD and resume; or `same-name-borrower`.'),
            '410': problemResponse('Expired (code `upload-expired`): start a new upload.'),
            '413': problemResponse('More bytes than Upload-Length.'),
            '507': problemResponse('The server has no space left (code storage-full); nothing was recorded, resume later.'),
          },
        },
        delete: {
          tags: ['Ingest'],
          operationId: 'abandonResumableUpload',
          summary: 'Abandon the upload and remove its bytes (tus termination)',
          security: [{ apiKey: [] }, { portalSession: [] }],
          parameters: [uploadIdParameter, tusResumableParameter],
          responses: {
            '204': { description: 'Removed.' },
            ...authErrors,
            '403': problemResponse('Not a lender.'),
            '404': problemResponse("Unknown, swept, or another organization's upload (code `upload-not-found`)."),
          },
        },
        get: {
          tags: ['Ingest'],
          operationId: 'getResumableUpload',
          summary: 'The upload\'s progress, and the evidence item once finished',
          security: [{ apiKey: [] }, { portalSession: [] }],
          parameters: [uploadIdParameter],
          responses: {
            '200': json('ResumableUploadStatus', 'The upload.'),
            ...authErrors,
            '403': problemResponse('Not a lender.'),
            '404': problemResponse("Unknown, swept unfinished, or another organization's upload (code `upload-not-found`)."),
          },
        },
      },
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
      '/api/v1/evidence/{id}/certificate': {
        get: {
          tags: ['Certificates'],
          operationId: 'getEvidenceCertificate',
          summary: 'The signed certificate of an anchored item (JSON)',
          security: [{ apiKey: [] }, { portalSession: [] }],
          parameters: [idParameter('id', 'Evidence id (UUID).')],
          responses: {
            '200': json('Certificate', 'The certificate, issued on first request and the same document afterwards.'),
            ...authErrors,
            '404': problemResponse('No such evidence for this caller.'),
            '409': problemResponse('The item is not anchored yet.'),
          },
        },
      },
      '/api/v1/evidence/{id}/certificate/pdf': {
        get: {
          tags: ['Certificates'],
          operationId: 'getEvidenceCertificatePdf',
          summary: 'The certificate as a bilingual PDF, with the JSON attached',
          security: [{ apiKey: [] }, { portalSession: [] }],
          parameters: [idParameter('id', 'Evidence id (UUID).')],
          responses: {
            '200': { description: 'The PDF.', content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } },
            ...authErrors,
            '404': problemResponse('No such evidence for this caller.'),
            '409': problemResponse('The item is not anchored yet.'),
          },
        },
      },
      '/api/v1/cases/{id}/package': {
        get: {
          tags: ['Cases'],
          operationId: 'getCaseEvidencePackage',
          summary: 'The case evidence package (证据包): one ZIP to keep and re-check offline',
          description:
            'A streamed, deterministic ZIP (the same case state gives the same bytes): manifest.json and its issuer ' +
            'signature manifest.sig.json, originals/, certificates/ (JSON and PDF), report/ (the latest verification ' +
            'report), verify.html (the offline verifier) and README.txt. For the filing lender (session or API key) and ' +
            'the arbitration commission; every download is audited with the package’s SHA-256.',
          security: [{ apiKey: [] }, { portalSession: [] }],
          parameters: [idParameter('id', 'Case id (UUID).')],
          responses: {
            '200': { description: 'The ZIP.', content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } } },
            ...authErrors,
            '404': problemResponse('No such case for this caller.'),
          },
        },
      },
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
      '/api/v1/verify': {
        post: {
          tags: ['Certificates'],
          operationId: 'verifyCertificate',
          summary: 'Verify a certificate',
          description:
            'Runs every check (format, file hash, leaf, inclusion proof, chain anchor, signature, revocation) and reports ' +
            'each. Send JSON, or multipart with a `certificate` part (the JSON or the PDF) and an optional `fileSha256`.',
          security: [],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('VerifyRequest') },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: {
                    certificate: { type: 'string', contentMediaType: 'application/octet-stream', description: 'JSON or PDF certificate.' },
                    fileSha256: { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' },
                  },
                  required: ['certificate'],
                },
              },
            },
          },
          responses: {
            '200': json('VerificationReport', 'The report; `valid` says whether every check that ran passed.'),
            '400': problemResponse('An unreadable body.'),
            '422': json('VerificationReport', 'The certificate does not parse; the format check names the field.'),
          },
        },
      },
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
      '/api/health/live': {
        get: {
          tags: ['Health'],
          operationId: 'getLiveness',
          summary: 'Liveness: the process is up',
          description: 'Touches neither the database nor the chain; a supervisor restarts the process only when this fails.',
          security: [],
          responses: { '200': json('Liveness', 'The process serves requests.') },
        },
      },
      '/api/health/ready': {
        get: {
          tags: ['Health'],
          operationId: 'getReadiness',
          summary: 'Readiness to accept evidence',
          description:
            'The database answers and file storage takes a write. The chain is not part of it: evidence is accepted ' +
            'while the chain is down and anchored once it is back. A load balancer sends traffic only while this is 200.',
          security: [],
          responses: {
            '200': json('Readiness', 'Ready to accept evidence.'),
            '503': json('Readiness', 'Not ready: `database.error` or `storage.error` says why.'),
          },
        },
      },
      '/api/health': {
        get: {
          tags: ['Health'],
          operationId: 'getHealth',
          summary: 'The full health report',
          description:
            'Readiness (database, storage), the chain node, the anchoring status and the batcher lag. The HTTP status ' +
            'follows readiness only: a chain that does not answer makes `anchoring.status` `degraded` and `ok` false, ' +
            'with 200. A regulator or operator session also gets `batcher.waiting` (whose batches wait, and why).',
          security: [],
          responses: {
            '200': json('Health', 'Ready; see `ok` and `anchoring` for the rest.'),
            '503': json('Health', 'Not ready to accept evidence.'),
          },
        },
      },
    },
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
      schemas: {
        Liveness: { type: 'object', properties: { live: { const: true } }, required: ['live'] },
        Readiness: readinessSchema,
        Health: healthSchema,
        RecordInput: schemaOf(recordInputSchema, 'input'),
        HashInput: schemaOf(hashInputSchema, 'input'),
        IngestResponse: schemaOf(ingestResponseSchema),
        UploadedEvidence: schemaOf(uploadedEvidenceSchema),
        ResumableUploadStatus: schemaOf(resumableUploadStatusSchema),
        Evidence: schemaOf(evidenceViewSchema),
        EvidenceList: schemaOf(evidenceListResponseSchema),
        Batch: schemaOf(batchViewSchema),
        Certificate: schemaOf(certificateSchema),
        RevocationStatus: schemaOf(revocationStatusSchema),
        VerifyRequest: schemaOf(verifyJsonRequestSchema, 'input'),
        VerificationReport: schemaOf(verificationReportSchema),
        Problem: schemaOf(problemSchema),
      },
    },
  };
}
