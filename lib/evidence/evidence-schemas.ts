// The evidence API's request and response shapes, as zod schemas: the route handlers validate with
// them and the OpenAPI document (lib/http/openapi-document.ts) is generated from them, so the two
// cannot drift apart.
import { z } from 'zod';
import { displayDaySchema } from '../i18n/display-day';

export const EVIDENCE_TYPES = ['loan_contract', 'repayment_record', 'transaction_record', 'notice', 'other'] as const;
export const EVIDENCE_KINDS = ['file', 'record', 'hash'] as const;
export const EVIDENCE_STATUSES = ['pending', 'anchoring', 'anchored'] as const;

/** Most items in one JSON request to POST /evidence/records or /evidence/hashes. */
export const MAX_ITEMS_PER_JSON_REQUEST = 10_000;
/** Most lines in one NDJSON request to POST /evidence/records. */
export const MAX_NDJSON_LINES = 1_000_000;
/** Longest NDJSON line (one record): bounds what one line can make the server hold. */
export const MAX_NDJSON_LINE_BYTES = 1024 * 1024;

const SHA256_HEX = /^0x[0-9a-fA-F]{64}$/;

// Messages say what was expected, or that the field is absent.
function expecting(what: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : `expected ${what}`) };
}
const LOWER_SHA256_HEX = /^0x[0-9a-f]{64}$/;

export const evidenceTypeSchema = z
  .enum(EVIDENCE_TYPES, expecting(`one of ${EVIDENCE_TYPES.join(', ')}`))
  .describe('What the evidence is about.');

const referenceSchema = (what: string) =>
  z
    .string(expecting('a string'))
    .min(1, expecting('a non-empty string'))
    .max(200, expecting('at most 200 characters'))
    .describe(`The lender's own ${what}, stored as given and shown back on reads.`);

export const recordInputSchema = z
  .strictObject({
    type: evidenceTypeSchema,
    loanReference: referenceSchema('loan reference').optional(),
    borrowerReference: referenceSchema('borrower reference').optional(),
    // looseObject, not record(): it checks for an object without visiting every key, twice as fast.
    data: z
      .looseObject({}, expecting('a JSON object'))
      .describe(
        'The record. It is canonicalised with RFC 8785 (JCS) and its SHA-256 is notarized. Numbers are IEEE-754 ' +
          'doubles: send amounts and identifiers that need exact digits as strings.',
      ),
  }, expecting('an object'))
  .describe('One structured record.');

export const hashInputSchema = z
  .strictObject({
    sha256: z
      .string(expecting('a 0x-prefixed 64-digit hex SHA-256'))
      .regex(SHA256_HEX, expecting('a 0x-prefixed 64-digit hex SHA-256'))
      .describe('SHA-256 of the content, which stays with the submitter.'),
    fileName: z
      .string(expecting('a string'))
      .min(1, expecting('a non-empty string'))
      .max(255, expecting('at most 255 characters'))
      .optional()
      .describe('Name of the hashed file; default `hash-<index>`.'),
    mediaType: z
      .string(expecting('a media type like application/pdf'))
      .max(255, expecting('at most 255 characters'))
      .regex(/^[\w.+-]+\/[\w.+-]+$/, expecting('a media type like application/pdf'))
      .optional()
      .describe('Media type of the hashed file; default application/octet-stream.'),
    size: z
      .int(expecting('a non-negative integer'))
      .min(0, expecting('a non-negative integer'))
      .max(Number.MAX_SAFE_INTEGER, expecting('a non-negative integer'))
      .optional()
      .describe('Size of the hashed file in bytes; 0 when not given.'),
    type: evidenceTypeSchema.optional(),
    loanReference: referenceSchema('loan reference').optional(),
    borrowerReference: referenceSchema('borrower reference').optional(),
  }, expecting('an object'))
  .describe('The SHA-256 of content that is not sent.');

const borrowerFieldSchema = (what: string, max: number) =>
  z
    .string(expecting('a string'))
    .trim()
    .min(1, expecting('a non-empty string'))
    .max(max, expecting(`at most ${max} characters`))
    .describe(what);

/** Form fields of POST /evidence/files, sent before the `file` part. The API may leave out the
 * description; the lender portal (a signed-in user's upload) must give title, type and borrower. The
 * borrower fields, when any is given, must name the borrower (borrowerName plus borrowerIdNumber,
 * borrowerPhone or borrowerEmail), who is then linked to the evidence and may see it. */
export const fileFieldsSchema = z.strictObject({
  sha256: z
    .string()
    .regex(LOWER_SHA256_HEX)
    .optional()
    .describe('SHA-256 the client computed; the upload is refused if the server computes another.'),
  title: z
    .string(expecting('a string'))
    .trim()
    .min(1, expecting('a non-empty string'))
    .max(200, expecting('at most 200 characters'))
    .optional()
    .describe('What the lender calls this item, shown in the portals.'),
  type: evidenceTypeSchema.optional(),
  loanReference: referenceSchema('loan reference').optional(),
  borrowerReference: referenceSchema('borrower reference').optional(),
  borrowerName: borrowerFieldSchema("The borrower's name.", 100).optional(),
  borrowerIdNumber: borrowerFieldSchema("The borrower's national ID number; stored only as a keyed hash.", 30).optional(),
  borrowerPhone: borrowerFieldSchema("The borrower's phone number.", 20).optional(),
  borrowerEmail: borrowerFieldSchema("The borrower's email address.", 254).optional(),
});

export type FileFields = z.infer<typeof fileFieldsSchema>;

const uuidSchema = z.uuid();
const sequenceSchema = z.string().regex(/^[0-9]+$/).describe('Position in the global ingest order (decimal string).');
const sha256Schema = z.string().regex(LOWER_SHA256_HEX).describe('0x-prefixed lowercase hex SHA-256.');

export const ingestedItemSchema = z.object({
  index: z.int().min(0).describe('Position of the item in the request.'),
  id: uuidSchema,
  sequence: sequenceSchema,
  sha256: sha256Schema,
});

export const ingestResponseSchema = z.object({ items: z.array(ingestedItemSchema).describe('In request order.') });

/** The 201 body of POST /evidence/files. */
export const uploadedEvidenceSchema = z.object({
  id: uuidSchema,
  sequence: sequenceSchema,
  kind: z.literal('file'),
  title: z.string().nullable(),
  type: evidenceTypeSchema.nullable(),
  loanReference: z.string().nullable(),
  borrowerReference: z.string().nullable(),
  borrower: z
    .object({ id: uuidSchema, name: z.string() })
    .nullable()
    .describe('The borrower the upload named: found by ID number, phone or email, or created. They can see the item.'),
  sha256: sha256Schema,
  size: z.int().min(0),
  fileName: z.string(),
  mediaType: z.string(),
  submittedAt: z.iso.datetime(),
  status: z.literal('pending'),
});

export const evidenceViewSchema = z.object({
  id: uuidSchema,
  sequence: sequenceSchema,
  kind: z.enum(EVIDENCE_KINDS),
  type: evidenceTypeSchema.nullable(),
  loanReference: z.string().nullable(),
  borrowerReference: z.string().nullable(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.int().min(0),
  sha256: sha256Schema,
  submittedAt: z.iso.datetime(),
  status: z
    .enum(EVIDENCE_STATUSES)
    .describe('pending: not in a batch yet; anchoring: its batch is on its way to the chain; anchored: final on chain.'),
  batchId: uuidSchema.nullable().describe('The batch that covers the item, once sealed.'),
  certificateUrl: z.string().nullable().describe('Where the signed certificate (JSON) is, once anchored.'),
  anchor: z
    .object({
      batchId: uuidSchema,
      root: sha256Schema,
      chainId: z.string(),
      contract: z.string(),
      txHash: z.string(),
      blockNumber: z.string(),
      blockTime: z.string(),
      anchoredAt: z.iso.datetime(),
    })
    .nullable(),
});

export const evidenceListQuerySchema = z.strictObject({
  status: z.enum(EVIDENCE_STATUSES, expecting(`one of ${EVIDENCE_STATUSES.join(', ')}`)).optional(),
  since: z.iso
    .datetime({ offset: true, ...expecting('an ISO-8601 date-time, e.g. 2026-01-01T00:00:00Z') })
    .optional()
    .describe('Only items submitted at or after this time.'),
  cursor: z.string().optional().describe('`nextCursor` of the previous page.'),
  limit: z.coerce
    .number(expecting('an integer from 1 to 1000'))
    .int(expecting('an integer from 1 to 1000'))
    .min(1, expecting('an integer from 1 to 1000'))
    .max(1000, expecting('an integer from 1 to 1000'))
    .default(100),
});

const optionalText = (max: number) => z.string().trim().max(max).optional().catch(undefined).transform((v) => v || undefined);
const optionalDay = displayDaySchema.optional().catch(undefined);

/** The lender portal's evidence search (GET query of /lender). A value that does not parse is
 * dropped rather than refused: it comes from a URL a person may have edited. */
export const evidenceSearchSchema = z.object({
  q: optionalText(200).describe('Words in the title, file name or loan reference.'),
  status: z.enum(EVIDENCE_STATUSES).optional().catch(undefined),
  type: evidenceTypeSchema.optional().catch(undefined),
  loanReference: optionalText(200),
  borrower: optionalText(100).describe("Part of the borrower's name."),
  from: optionalDay.describe('Submitted on or after this day (YYYY-MM-DD, China time).'),
  to: optionalDay.describe('Submitted on or before this day (YYYY-MM-DD, China time).'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type EvidenceSearch = z.infer<typeof evidenceSearchSchema>;

export const evidenceListResponseSchema = z.object({
  items: z.array(evidenceViewSchema).describe('Ordered by sequence, ascending.'),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
});

export type EvidenceType = z.infer<typeof evidenceTypeSchema>;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export type RecordInput = z.infer<typeof recordInputSchema>;
export type HashInput = z.infer<typeof hashInputSchema>;
export type IngestedItem = z.infer<typeof ingestedItemSchema>;
export type UploadedEvidence = z.infer<typeof uploadedEvidenceSchema>;
export type EvidenceListQuery = z.infer<typeof evidenceListQuerySchema>;
