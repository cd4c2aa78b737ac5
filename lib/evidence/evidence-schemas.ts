// The evidence API's request and response shapes, as zod schemas: the route handlers validate with
// them and the OpenAPI document (each route's app/api/**/openapi.ts) is generated from them, so the
// two cannot drift apart.
import { z } from 'zod';
import { isPinnedDateTime } from '../proof/iso-date-time';
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

/** PostgreSQL's text cannot hold U+0000: refused here, per field, before any request is grouped
 * with others into one INSERT (a NUL used to fail the whole group with a 500). */
export const NO_NUL = [(value: string) => !value.includes('\u0000'), expecting('text without the NUL character (U+0000)')] as const;

const referenceSchema = (what: string) =>
  z
    .string(expecting('a string'))
    .min(1, expecting('a non-empty string'))
    .max(200, expecting('at most 200 characters'))
    .refine(...NO_NUL)
    .describe(`The lender's own ${what}, stored as given and shown back on reads.`);

const sourceText = (what: string, max: number) =>
  z
    .string(expecting('a string'))
    .min(1, expecting('a non-empty string'))
    .max(max, expecting(`at most ${max} characters`))
    .refine(...NO_NUL)
    .describe(what);

export const SOURCE_FIELDS = ['system', 'exportJobId', 'generatedAt', 'generationMethod', 'note'] as const;

/** Where an item came from, as the lender's system states it (provenance, Art. 18): stored with the
 * item and shown with its provenance in the portal, the verification report and the evidence package. */
export const sourceSchema = z
  .strictObject(
    {
      system: sourceText('The system that produced the item, e.g. the name of the core banking or loan system.', 100).optional(),
      exportJobId: sourceText('The export job or run in that system that produced it.', 200).optional(),
      generatedAt: z
        .string(expecting('an RFC 3339 date-time, e.g. 2026-03-01T09:30:00+08:00'))
        .refine(isPinnedDateTime, expecting('an RFC 3339 date-time, e.g. 2026-03-01T09:30:00+08:00'))
        .optional()
        .describe('When that system generated it (RFC 3339).'),
      generationMethod: sourceText('How it was generated, e.g. "nightly ledger export" or "scanned from the signed paper original".', 200).optional(),
      note: sourceText('Anything else the lender wants on record about where the item came from.', 500).optional(),
    },
    expecting('an object'),
  )
  .refine((source) => Object.keys(source).length > 0, { error: `expected at least one of ${SOURCE_FIELDS.join(', ')}` })
  .describe("Where the item came from, as the submitting system states it; stored and shown with the item's provenance.");

export type EvidenceSource = z.infer<typeof sourceSchema>;

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
    source: sourceSchema.optional(),
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
      .refine(...NO_NUL)
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
    source: sourceSchema.optional(),
  }, expecting('an object'))
  .describe('The SHA-256 of content that is not sent.');

const borrowerFieldSchema = (what: string, max: number) =>
  z
    .string(expecting('a string'))
    .trim()
    .min(1, expecting('a non-empty string'))
    .max(max, expecting(`at most ${max} characters`))
    .refine(...NO_NUL)
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
    .refine(...NO_NUL)
    .optional()
    .describe('What the lender calls this item, shown in the portals.'),
  type: evidenceTypeSchema.optional(),
  loanReference: referenceSchema('loan reference').optional(),
  borrowerReference: referenceSchema('borrower reference').optional(),
  borrowerName: borrowerFieldSchema("The borrower's name.", 100).optional(),
  borrowerIdNumber: borrowerFieldSchema("The borrower's national ID number; stored only as a keyed hash.", 30).optional(),
  borrowerPhone: borrowerFieldSchema("The borrower's phone number.", 20).optional(),
  borrowerEmail: borrowerFieldSchema("The borrower's email address.", 254).optional(),
  confirmSameNameBorrower: z
    .enum(['true', 'false'], expecting('true or false'))
    .optional()
    .describe(
      'A signed-in lender user is asked before an upload creates a borrower whose name their organization already ' +
        'has under another identifier (409 same-name-borrower, with the masked identifiers); `true` confirms it is ' +
        'another person. Uploads with an API key are not asked.',
    ),
  source: z
    .string(expecting('the JSON text of a source object'))
    .transform((text, context) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        context.addIssue({ code: 'custom', message: 'expected the JSON text of a source object, e.g. {"system":"core-banking"}' });
        return z.NEVER;
      }
      const parsed = sourceSchema.safeParse(value);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) {
        context.addIssue({ code: 'custom', message: issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message });
      }
      return z.NEVER;
    })
    .optional()
    .describe(
      'JSON text of a `source` object (system, exportJobId, generatedAt, generationMethod, note): where the file came from, ' +
        "as the submitting system states it; shown with the item's provenance.",
    ),
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
  duplicateOf: z
    .object({ id: uuidSchema, title: z.string().nullable(), fileName: z.string(), submittedAt: z.iso.datetime() })
    .nullable()
    .optional()
    .describe(
      'The earliest item of your organization with the same SHA-256, when this content was notarized before. The upload ' +
        'is stored all the same (a notice, not a refusal).',
    ),
});

/** The 200 body of GET /api/v1/uploads/{id}: a resumable upload's progress, and its item once finished. */
export const resumableUploadStatusSchema = z.object({
  id: uuidSchema,
  length: z.int().min(0).describe('Upload-Length: the size of the file in bytes.'),
  offset: z.int().min(0).describe('Bytes the server has; equal to `length` once complete.'),
  expiresAt: z.iso
    .datetime()
    .nullable()
    .describe('When an unfinished upload is removed (RESUMABLE_UPLOAD_EXPIRY_MINUTES after its creation); null once the upload itself was swept.'),
  evidence: uploadedEvidenceSchema.nullable().describe('The evidence item the finished upload became; null until then.'),
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
  // The certificate's date-time profile (docs/proof-format.md 1.2): years 0001-9999, real dates, so
  // the database never sees a timestamp it cannot hold (year 0 was a 500).
  since: z
    .string(expecting('an RFC 3339 date-time, e.g. 2026-01-01T00:00:00Z'))
    .refine(isPinnedDateTime, expecting('an RFC 3339 date-time with a year from 0001 to 9999, e.g. 2026-01-01T00:00:00Z'))
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
  borrowerId: z.uuid().optional().catch(undefined).describe('The borrower found by their ID number (the ID number itself never enters a URL).'),
  sha256: optionalText(66).describe('The start of the SHA-256, at least 8 hex digits, 0x optional; checked with parseSha256Prefix.'),
  from: optionalDay.describe('Submitted on or after this day (YYYY-MM-DD, China time).'),
  to: optionalDay.describe('Submitted on or before this day (YYYY-MM-DD, China time).'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type EvidenceSearch = z.infer<typeof evidenceSearchSchema>;

/** The shortest SHA-256 prefix the search takes: 8 hex digits (32 bits) rarely match more than the item meant. */
export const MIN_SHA256_PREFIX_DIGITS = 8;

/** A SHA-256 prefix as typed (0x optional, any case) as lowercase hex digits, or null if it is not
 * 8 to 64 hex digits. */
export function parseSha256Prefix(raw: string): string | null {
  const digits = raw.trim().toLowerCase().replace(/^0x/, '');
  return new RegExp(`^[0-9a-f]{${MIN_SHA256_PREFIX_DIGITS},64}$`).test(digits) ? digits : null;
}

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
export type ResumableUploadStatus = z.infer<typeof resumableUploadStatusSchema>;
export type EvidenceListQuery = z.infer<typeof evidenceListQuerySchema>;
