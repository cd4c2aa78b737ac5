// The zod schemas of reconciliation at its boundaries: a pair's settings as the operator gives them
// (tolerance rules, each bank's column map), and what the API answers (pairs, days, sides with their
// receipts, statements, breaks). The routes' OpenAPI descriptions are generated from the same
// schemas. Browser-safe (zod only), so a portal form can check a pair's settings with them.
import { z } from 'zod';
import { ROW_STATUSES, TRANSACTION_TYPES } from './row-format';
import { sideReceiptSchema } from './side-receipt';
import { reconciliationStatementSchema } from './reconciliation-statement';
import { CUT_OFF_TIME } from './business-day-window';
import { ROW_FIELDS, type RowField } from './validate-row';
import { checkFixedWidthLayout } from './check-fixed-width-layout';

export const toleranceRulesSchema = z
  .array(z.strictObject({ name: z.literal('split-rounding'), maxFen: z.int().min(0).max(100) }))
  .max(8)
  .describe('The pair’s tolerance rules; `split-rounding` absorbs a share that differs by at most maxFen when the total is equal.');

const fieldNames = z.enum(ROW_FIELDS as unknown as [RowField, ...RowField[]]);

const fixedWidthFieldSchema = z.strictObject({
  offset: z.int().min(0).max(65535).describe('Byte offset of the field on a line, counted from 0, before decoding.'),
  length: z.int().min(1).max(1024).describe('Byte length of the field.'),
});

export const columnMapSchema = z
  .strictObject({
    carrier: z.enum(['csv', 'ndjson', 'fixed-width']),
    encoding: z.enum(['utf-8', 'gbk', 'gb18030']),
    delimiter: z.enum([',', '|']).optional(),
    columns: z.partialRecord(fieldNames, z.string().min(1).max(100)).optional(),
    values: z
      .strictObject({
        type: z.record(z.string().min(1).max(50), z.enum(TRANSACTION_TYPES)).optional(),
        status: z.record(z.string().min(1).max(50), z.enum(ROW_STATUSES)).optional(),
      })
      .optional(),
    amountUnit: z.enum(['fen', 'yuan']).optional(),
    fields: z.partialRecord(fieldNames, fixedWidthFieldSchema).optional().describe('Fixed-width only: every field’s byte offset and length.'),
    headerLine: z.boolean().optional().describe('Fixed-width only: line 1 is a header, skipped unread.'),
  })
  .superRefine((map, context) => {
    // A map that cannot read any line is refused when the pair is configured, not at every upload.
    if (map.carrier === 'fixed-width') {
      if (map.fields === undefined) context.addIssue({ code: 'custom', path: ['fields'], message: 'a fixed-width map gives every field’s byte offset and length' });
      else for (const problem of checkFixedWidthLayout(map.fields)) context.addIssue({ code: 'custom', path: ['fields', problem.field], message: problem.message });
      for (const member of ['delimiter', 'columns'] as const) {
        if (map[member] !== undefined) context.addIssue({ code: 'custom', path: [member], message: `${member} is for CSV; a fixed-width map places fields by \`fields\`` });
      }
    } else {
      for (const member of ['fields', 'headerLine'] as const) {
        if (map[member] !== undefined) context.addIssue({ code: 'custom', path: [member], message: `${member} is for fixed-width maps only` });
      }
    }
  })
  .describe('How a bank writes its statement (docs/reconciliation-format.md §2.3).');

/** The Content-Type a statement upload is sent with, by carrier (§2.3). */
export const STATEMENT_MEDIA_TYPES = { csv: 'text/csv', ndjson: 'application/x-ndjson', 'fixed-width': 'text/plain' } as const;

export const PAIR_MODES = ['open', 'blind'] as const;
const pairMode = z
  .enum(PAIR_MODES)
  .describe('open: Evident holds the pair key and commits the banks’ rows; blind: the banks commit their rows themselves and upload keys and commitments only (docs/reconciliation-format.md §14).');

export const pairSettingsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** Unset: open. */
  mode: pairMode.optional(),
  cutOffTime: z.string().regex(CUT_OFF_TIME, 'must be HH:MM (Asia/Shanghai)'),
  firstBusinessDate: z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'must be YYYY-MM-DD'),
  toleranceRules: toleranceRulesSchema,
  columnMapA: columnMapSchema,
  columnMapB: columnMapSchema,
});
export type PairSettings = z.infer<typeof pairSettingsSchema>;

const HEX32 = z.string().regex(/^0x[0-9a-f]{64}$/);
const bank = z.enum(['A', 'B']);

export const pairViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  yourBank: bank.describe('Which bank of the pair the caller is.'),
  mode: pairMode,
  lenderA: z.object({ id: z.string(), name: z.string() }),
  lenderB: z.object({ id: z.string(), name: z.string() }),
  cutOffTime: z.string().describe('HH:MM on the day after the business date, in `timeZone`.'),
  timeZone: z.literal('Asia/Shanghai'),
  firstBusinessDate: z.string(),
  toleranceRules: toleranceRulesSchema,
  yourColumnMap: columnMapSchema,
});
export type PairView = z.infer<typeof pairViewSchema>;

export const sideViewSchema = z.object({
  bank,
  committedAt: z.string(),
  file: z.object({ sha256: HEX32, size: z.int() }),
  rowCount: z.int(),
  root: HEX32,
  receiptSha256: HEX32,
  previousReceiptSha256: HEX32.nullable(),
  receipt: sideReceiptSchema.describe('The signed side receipt (docs/reconciliation-format.md §9).'),
});
export type SideView = z.infer<typeof sideViewSchema>;

export const statementCountsSchema = z.object({
  matched: z.int(),
  matchedWithinTolerance: z.int(),
  onlyA: z.int(),
  onlyB: z.int(),
  fieldMismatch: z.int(),
  timing: z.int().describe('Keys the other bank booked a day late: each closes an only-A or only-B break of the previous day (§5.4).'),
});

export const STATEMENT_STATUSES = ['draft', 'agreed', 'disputed'] as const;
const statementStatus = z
  .enum(STATEMENT_STATUSES)
  .describe('draft: signed by Evident, waiting for the banks; agreed: both banks agreed; disputed: a bank disputed (with objections). Evident countersigns once both banks signed.');

export const signOffViewSchema = z
  .object({
    party: z.enum(['A', 'B', 'evident']),
    decision: z.enum(['agreed', 'disputed']),
    objections: z.string().nullable().describe('The objections text as the bank wrote it (disputed only).'),
    objectionsHash: HEX32.describe('SHA-256 of the objections’ UTF-8 bytes; zero when agreed.'),
    signer: z.string().describe('The address that signed (the bank’s registered sign-off key, or Evident’s issuer key).'),
    signature: z.string().describe('65 bytes r ‖ s ‖ v, 0x-hex, over the StatementSignOff typed data (docs/reconciliation-format.md §11.2).'),
    chainId: z.string(),
    contract: z.string(),
    signedAt: z.string(),
    signedBy: z.string(),
  })
  .describe('One party’s EIP-712 sign-off of the statement.');
export type SignOffView = z.infer<typeof signOffViewSchema>;

export const statementViewSchema = z.object({
  status: statementStatus,
  sha256: HEX32.describe('SHA-256 of the statement’s canonical bytes: what both banks sign and what is anchored.'),
  draftedAt: z.string(),
  counts: statementCountsSchema,
  controlTotalDifferences: z.int().describe('How many control-total cells differ between the sides.'),
  document: reconciliationStatementSchema.describe('The signed statement (docs/reconciliation-format.md §10).'),
  signOffs: z.array(signOffViewSchema).describe('The sign-offs so far: bank A, bank B, then Evident’s countersignature.'),
  escalatedAt: z.string().nullable().describe('When the statement was escalated for not being signed off by both banks in time; null: not escalated.'),
});
export type StatementView = z.infer<typeof statementViewSchema>;

export const timestampViewSchema = z
  .object({
    document: z.enum(['side-receipt', 'statement']),
    sha256: HEX32.describe('SHA-256 of the document (the side receipt or the statement); the token’s message imprint is SHA-256 of these 32 bytes.'),
    genTime: z.string().describe('The time the TSA attests (its genTime).'),
    tsaSerial: z.string(),
    policy: z.string(),
    token: z.string().describe('The RFC 3161 TimeStampToken, DER, base64.'),
  })
  .describe('An RFC 3161 timestamp of one of the day’s documents (docs/reconciliation-format.md §11.5).');
export type TimestampView = z.infer<typeof timestampViewSchema>;

export const anchorTransactionViewSchema = z
  .object({
    kind: z.enum(['side-a', 'side-b', 'statement']).describe('Which of the day’s three transactions: anchorSide for bank A or B, or recordStatement.'),
    status: z
      .enum(['signed', 'broadcast', 'included', 'reverted'])
      .describe('signed: stored, about to be sent; broadcast: sent, not mined yet; included: mined; reverted: mined and refused by the contract.'),
    chainId: z.string().describe('The EIP-155 chain id, decimal.'),
    contractAddress: z.string().describe('The ReconciliationAnchor, lowercase 0x-hex.'),
    txHash: HEX32,
    blockNumber: z.string().nullable().describe('Decimal; null until mined.'),
    blockTime: z.string().nullable().describe('The mined block’s timestamp, ISO 8601; null until mined.'),
    lastError: z.string().nullable().describe('Why the last attempt failed (a chain that did not answer is retried with back-off).'),
  })
  .describe('One of the day’s ReconciliationAnchor transactions (docs/reconciliation-format.md §11).');
export type AnchorTransactionView = z.infer<typeof anchorTransactionViewSchema>;

export const dayViewSchema = z.object({
  pairId: z.string(),
  businessDate: z.string(),
  sides: z.object({ a: sideViewSchema.nullable(), b: sideViewSchema.nullable() }),
  statement: statementViewSchema.nullable().describe('Null until both sides are committed and the statement is drafted.'),
  timestamps: z.array(timestampViewSchema).describe('The verified RFC 3161 timestamps of the side receipts and the statement so far.'),
  anchoring: z
    .array(anchorTransactionViewSchema)
    .describe('The day’s transactions on chain so far, in sending order: each side once committed, the statement once both banks signed it off.'),
});
export type DayView = z.infer<typeof dayViewSchema>;

export const dayListSchema = z.object({
  days: z.array(
    z.object({
      businessDate: z.string(),
      sides: z.object({
        a: z.object({ committedAt: z.string(), rowCount: z.int() }).nullable(),
        b: z.object({ committedAt: z.string(), rowCount: z.int() }).nullable(),
      }),
      statement: z.object({ status: statementStatus, sha256: HEX32 }).nullable(),
    }),
  ),
});
export type DayList = z.infer<typeof dayListSchema>;

export const BREAK_CLASSES = ['only-a', 'only-b', 'field-mismatch', 'within-tolerance', 'timing'] as const;
export type BreakClassName = (typeof BREAK_CLASSES)[number];

export const breaksQuerySchema = z.strictObject({
  class: z.enum(BREAK_CLASSES).optional(),
  cursor: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type BreaksQuery = z.infer<typeof breaksQuerySchema>;

export const breakViewSchema = z.object({
  ordinal: z.int().describe('Position in the statement’s break list (key order).'),
  class: z.enum(BREAK_CLASSES),
  key: HEX32.describe('The matching key (HMAC under the pair key, §3.2).'),
  fields: z.array(z.string()).describe('Committed fields whose commitments differ.'),
  rule: z.string().nullable().describe('The tolerance rule that absorbed it (within-tolerance only).'),
  indexA: z.int().nullable(),
  indexB: z.int().nullable(),
  closedBy: z
    .strictObject({ class: z.literal('timing'), businessDate: z.string() })
    .nullable()
    .describe('An only-A or only-B break the next day’s statement closed: the other bank booked the record that day (§5.4).'),
  closes: z
    .strictObject({ businessDate: z.string() })
    .nullable()
    .describe('A timing break: the previous day whose only-A or only-B break of the same key it closes (§5.4).'),
});
export type BreakView = z.infer<typeof breakViewSchema>;
export const breakPageSchema = z.object({ items: z.array(breakViewSchema), nextCursor: z.string().nullable() });
export type BreakPage = z.infer<typeof breakPageSchema>;

export const statementUploadResultSchema = z.object({
  pairId: z.string(),
  businessDate: z.string(),
  side: sideViewSchema,
  bothSidesIn: z.boolean().describe('True when this upload completed the day: the statement is drafted (GET the day).'),
});
export type StatementUploadResult = z.infer<typeof statementUploadResultSchema>;

export const dayListQuerySchema = z.strictObject({
  before: z.string().max(10).optional().describe('Only business dates before this one (YYYY-MM-DD): the next page.'),
  limit: z.coerce.number().int().min(1).max(366).default(31),
});

export const signOffRequestSchema = z.object({
  pairId: z.string(),
  businessDate: z.string(),
  party: z.enum(['A', 'B']).describe('The caller’s bank in the pair.'),
  signerAddress: z.string().nullable().describe('The bank’s registered sign-off address; null: none registered yet (sign-off is refused).'),
  statement: z.object({ sha256: HEX32, status: statementStatus }),
  typedData: z
    .object({
      domain: z.object({ name: z.string(), version: z.string(), chainId: z.string(), verifyingContract: z.string() }),
      types: z.object({ StatementSignOff: z.array(z.object({ name: z.string(), type: z.string() })) }),
      primaryType: z.literal('StatementSignOff'),
      message: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    })
    .describe('EIP-712 typed data to sign after setting message.decision (decisionValues) and message.objectionsHash (SHA-256 of the objections text, or 32 zero bytes when agreed).'),
  decisionValues: z.object({ agreed: z.literal(1), disputed: z.literal(2) }),
  signOffs: z.array(signOffViewSchema),
});
export type SignOffRequest = z.infer<typeof signOffRequestSchema>;

export const OBJECTIONS_MAX_LENGTH = 4000;

export const signOffBodySchema = z.strictObject({
  decision: z.enum(['agreed', 'disputed']),
  objections: z.string().min(1).max(OBJECTIONS_MAX_LENGTH).optional().describe('Required when disputed, absent when agreed; signed as its exact UTF-8 bytes.'),
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'must be a 65-byte 0x-hex signature (r ‖ s ‖ v)'),
});
export type SignOffBody = z.infer<typeof signOffBodySchema>;

export const breakCertificateQuerySchema = z.strictObject({
  proof: z.enum(['inclusion', 'absence', 'field-mismatch']).optional(),
});
