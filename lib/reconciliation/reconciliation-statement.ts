// The day's statement (docs/reconciliation-format.md §10): what Evident signs once both sides of a
// day are committed and matched. It names both sides (root, row count, receipt SHA-256), the counts
// per class, the control-total cells that differ, the pair's tolerance rules with how often each
// fired, and the SHA-256 of the break list (every break and every row a rule absorbed, in key order).
// Its SHA-256 (RFC 8785 bytes without `signature`) is what both banks will sign and what is anchored.
// Version 2 (§5.4) is version 1 plus timing breaks: written only for a day on which some key closes
// an only-A or only-B break of the previous day, so every other day's statement stays version 1 and
// every version 1 statement still reads and verifies. Browser-safe.
import { sha256 } from '@noble/hashes/sha2.js';
import type { BaseWallet } from 'ethers';
import { z } from 'zod';
import { toHex } from '../proof/hex';
import { parseStrictJson } from '../proof/parse-strict-json';
import {
  canonicalDocumentBytes,
  documentSha256,
  recoverReconciliationSigner,
  signReconciliationDocument,
} from './reconciliation-signature';
import { BUSINESS_DATE, controlTotalCellSchema as cellSchema, evidentSignatureSchema, issuerSchema } from './side-receipt';

export const STATEMENT_FORMAT = 'evident.reconciliation-statement';

const HEX32 = z.string().regex(/^0x[0-9a-f]{64}$/, 'must be 32 bytes of lowercase 0x-hex');
const sideSchema = z.strictObject({ root: HEX32, rowCount: z.int().min(0), receiptSha256: HEX32 });

/** `timing` occurs in version 2 break lists only. */
export const STATEMENT_BREAK_CLASSES = ['only-a', 'only-b', 'field-mismatch', 'within-tolerance', 'timing'] as const;

/** One entry of the break list, as hashed into `breaks.sha256`. */
export const statementBreakSchema = z.strictObject({
  class: z.enum(STATEMENT_BREAK_CLASSES),
  key: HEX32,
  fields: z.array(z.string()),
  rule: z.string().nullable(),
  indexA: z.int().min(0).nullable(),
  indexB: z.int().min(0).nullable(),
});
export type StatementBreak = z.infer<typeof statementBreakSchema>;

const unsignedStatementV1Schema = z.strictObject({
  format: z.literal(STATEMENT_FORMAT),
  version: z.literal(1),
  pairId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  businessDate: BUSINESS_DATE,
  sides: z.strictObject({ a: sideSchema, b: sideSchema }),
  counts: z.strictObject({
    matched: z.int().min(0),
    matchedWithinTolerance: z.int().min(0),
    onlyA: z.int().min(0),
    onlyB: z.int().min(0),
    fieldMismatch: z.int().min(0),
  }),
  controlTotalDifferences: z.array(z.strictObject({ cell: z.string(), a: cellSchema, b: cellSchema })),
  rules: z.array(z.strictObject({ name: z.string(), maxFen: z.int().min(0), fired: z.int().min(0) })),
  breaks: z.strictObject({ count: z.int().min(0), sha256: HEX32 }),
  draftedAt: z.iso.datetime({ precision: 3 }),
  issuer: issuerSchema,
});

/** Version 2: `counts.timing`, and `carryOver` naming the previous day's statement whose breaks it closes. */
const unsignedStatementV2Schema = unsignedStatementV1Schema.extend({
  version: z.literal(2),
  counts: unsignedStatementV1Schema.shape.counts.extend({ timing: z.int().min(1) }),
  carryOver: z.strictObject({ businessDate: BUSINESS_DATE, statementSha256: HEX32 }),
});

export const unsignedStatementSchema = z.discriminatedUnion('version', [unsignedStatementV1Schema, unsignedStatementV2Schema]);
export const reconciliationStatementSchema = z.discriminatedUnion('version', [
  unsignedStatementV1Schema.extend({ signature: evidentSignatureSchema }),
  unsignedStatementV2Schema.extend({ signature: evidentSignatureSchema }),
]);

export type UnsignedStatement = z.infer<typeof unsignedStatementSchema>;
export type ReconciliationStatement = z.infer<typeof reconciliationStatementSchema>;

/** SHA-256 of the RFC 8785 bytes of the break list (an array in key order), 0x-hex. */
export function breakListSha256(breaks: readonly StatementBreak[]): string {
  return toHex(sha256(canonicalDocumentBytes(breaks as StatementBreak[])));
}

function withoutSignature(statement: UnsignedStatement | ReconciliationStatement): UnsignedStatement {
  const { signature: _signature, ...body } = statement as ReconciliationStatement;
  return body;
}

export function statementBytes(statement: UnsignedStatement | ReconciliationStatement): Uint8Array {
  return canonicalDocumentBytes(withoutSignature(statement));
}

export function statementSha256(statement: UnsignedStatement | ReconciliationStatement): string {
  return documentSha256(withoutSignature(statement));
}

/**
 * Why the statement's counts do not add up (§10), or null: the break list holds every key that is not
 * a plain match, so `breaks.count` is onlyA + onlyB + fieldMismatch + matchedWithinTolerance (+ timing),
 * and every row of a side is in exactly one class, so the two sides' row counts together are twice
 * the keys on both sides (matched, within tolerance, field mismatch) plus the one-sided keys.
 */
export function statementCountsProblem(statement: UnsignedStatement | ReconciliationStatement): string | null {
  const { matched, matchedWithinTolerance, onlyA, onlyB, fieldMismatch } = statement.counts;
  const timing = statement.version === 2 ? statement.counts.timing : 0;
  const listed = onlyA + onlyB + fieldMismatch + matchedWithinTolerance + timing;
  if (statement.breaks.count !== listed) {
    return `breaks.count is ${statement.breaks.count}, but the classes it lists add up to ${listed}`;
  }
  const rows = statement.sides.a.rowCount + statement.sides.b.rowCount;
  const classified = 2 * (matched + matchedWithinTolerance + fieldMismatch) + onlyA + onlyB + timing;
  if (rows !== classified) {
    return `the sides hold ${rows} rows together, but the counts classify ${classified}`;
  }
  return null;
}

export async function signStatement(unsigned: UnsignedStatement, signer: BaseWallet): Promise<ReconciliationStatement> {
  const body = unsignedStatementSchema.parse(withoutSignature(unsigned));
  const problem = statementCountsProblem(body);
  if (problem) throw new Error(`The statement's counts do not add up: ${problem}.`);
  if (signer.address.toLowerCase() !== body.issuer.address) {
    throw new Error(`The signing key belongs to ${signer.address.toLowerCase()}, but the statement names issuer ${body.issuer.address}.`);
  }
  return { ...body, signature: await signReconciliationDocument(STATEMENT_FORMAT, body, signer) };
}

export type StatementCheck =
  | { ok: true; statement: ReconciliationStatement; sha256: string; signer: string }
  | { ok: false; code: 'statement.malformed' | 'statement.signature-invalid' | 'statement.untrusted-issuer' | 'statement.breaks-altered'; message: string };

/** Checks a statement's form and Evident's signature, and, given the break list, that it is the one the statement names. */
export function verifyStatement(
  input: string | unknown,
  { trustedIssuers, breaks }: { trustedIssuers?: readonly string[]; breaks?: readonly StatementBreak[] } = {},
): StatementCheck {
  let statement: ReconciliationStatement;
  try {
    statement = reconciliationStatementSchema.parse(typeof input === 'string' ? parseStrictJson(input) : input);
  } catch (error) {
    return { ok: false, code: 'statement.malformed', message: `Not a valid statement: ${error instanceof Error ? error.message : String(error)}` };
  }
  const problem = statementCountsProblem(statement);
  if (problem) return { ok: false, code: 'statement.malformed', message: `Not a valid statement: its counts do not add up (${problem}).` };
  let signer: string;
  try {
    signer = recoverReconciliationSigner(STATEMENT_FORMAT, withoutSignature(statement), statement.signature);
  } catch (error) {
    return { ok: false, code: 'statement.signature-invalid', message: `The statement's signature is invalid: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (signer !== statement.issuer.address) {
    return { ok: false, code: 'statement.signature-invalid', message: `Signed by ${signer}, not by the issuer it names (${statement.issuer.address}).` };
  }
  if (trustedIssuers && !trustedIssuers.map((address) => address.toLowerCase()).includes(signer)) {
    return { ok: false, code: 'statement.untrusted-issuer', message: `Signed by ${signer}, which is not a trusted Evident issuer.` };
  }
  if (breaks && (breaks.length !== statement.breaks.count || breakListSha256(breaks) !== statement.breaks.sha256)) {
    return { ok: false, code: 'statement.breaks-altered', message: 'The break list given is not the one the statement names (count or SHA-256 differ).' };
  }
  return { ok: true, statement, sha256: statementSha256(statement), signer };
}
