// The side receipt (docs/reconciliation-format.md §9): what Evident signs when it commits one bank's
// statement for one day. It names the pair, the date and the bank, the uploaded file (SHA-256, size),
// the committed side (root and row count, the `side` object proofs carry, §6) and its control totals,
// and the SHA-256 of the same bank's previous receipt for the pair, so each bank's receipts form a
// hash chain a bank can hold Evident to. Its SHA-256 is taken over the RFC 8785 canonical bytes of the
// receipt without `signature`; that digest is what Evident signs (reconciliation-signature.ts), what
// the next receipt chains to, and what a statement and a certificate name. Browser-safe.
import type { BaseWallet } from 'ethers';
import { z } from 'zod';
import { parseStrictJson } from '../proof/parse-strict-json';
import { controlTotalsToJson, type ControlTotals } from './control-totals';
import { ROW_STATUSES, TRANSACTION_TYPES } from './row-format';
import { isCalendarDate } from './validate-row';
import {
  canonicalDocumentBytes,
  documentSha256,
  recoverReconciliationSigner,
  signReconciliationDocument,
} from './reconciliation-signature';

export const SIDE_RECEIPT_FORMAT = 'evident.reconciliation-side-receipt';

const HEX32 = z.string().regex(/^0x[0-9a-f]{64}$/, 'must be 32 bytes of lowercase 0x-hex');
const DECIMAL = z.string().regex(/^(0|[1-9][0-9]*)$/, 'must be a decimal integer string');
export const BUSINESS_DATE = z.string().refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD');
const PAIR_ID = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lowercase UUID');

export const controlTotalCellSchema = z.strictObject({ count: z.int().min(0), totalFen: DECIMAL, shareAFen: DECIMAL, shareBFen: DECIMAL });
/** The 24 cells of §4.3, `type/status`, every one present (an empty cell has count 0). */
export const CONTROL_TOTAL_CELLS = TRANSACTION_TYPES.flatMap((type) => ROW_STATUSES.map((status) => `${type}/${status}`));
export const controlTotalsJsonSchema = z.record(z.string().regex(/^[a-z_]+\/[a-z]+$/), controlTotalCellSchema);
/** A receipt's control totals: exactly the 24 cells (§9). */
const receiptControlTotalsSchema = z.strictObject(Object.fromEntries(CONTROL_TOTAL_CELLS.map((cell) => [cell, controlTotalCellSchema])));

export const issuerSchema = z.strictObject({ name: z.string().min(1).max(200), address: z.string().regex(/^0x[0-9a-f]{40}$/) });
export const evidentSignatureSchema = z.strictObject({ scheme: z.literal('eip712'), value: z.string().regex(/^0x[0-9a-f]{130}$/) });

const unsignedSideReceiptObject = z.strictObject({
  format: z.literal(SIDE_RECEIPT_FORMAT),
  /** 1: an open side, committed by Evident from rows; 2: a blind side (§14.2), with mode and controlTotalsDeclared. */
  version: z.union([z.literal(1), z.literal(2)]),
  pairId: PAIR_ID,
  businessDate: BUSINESS_DATE,
  bank: z.enum(['A', 'B']),
  /** Version 2 only: the bank committed its rows itself and sent keys and commitments. */
  mode: z.literal('blind').optional(),
  file: z.strictObject({ sha256: HEX32, size: z.int().min(0) }),
  side: z.strictObject({ root: HEX32, rowCount: z.int().min(0) }),
  controlTotals: receiptControlTotalsSchema,
  /** Version 2 only: the control totals are the bank's declaration, not computed by Evident. */
  controlTotalsDeclared: z.literal(true).optional(),
  /** Null on the bank's first day of the pair. */
  previousReceiptSha256: HEX32.nullable(),
  committedAt: z.iso.datetime({ precision: 3 }),
  issuer: issuerSchema,
});
/** Each row is in exactly one cell, so the cells' counts add up to the side's row count (§9). */
const countsAddUp = (receipt: { side: { rowCount: number }; controlTotals: Record<string, { count: number }> }) =>
  Object.values(receipt.controlTotals).reduce((sum, cell) => sum + cell.count, 0) === receipt.side.rowCount;

/** The counts add up; a version 2 receipt, and only it, is a blind side's: mode "blind", control totals declared. */
function checkReceipt(
  receipt: { version: 1 | 2; mode?: 'blind'; controlTotalsDeclared?: true; side: { rowCount: number }; controlTotals: Record<string, { count: number }> },
  context: z.core.$RefinementCtx,
): void {
  if (!countsAddUp(receipt)) context.addIssue({ code: 'custom', path: ['controlTotals'], message: "the control totals' counts must add up to side.rowCount" });
  const blind = receipt.mode !== undefined || receipt.controlTotalsDeclared !== undefined;
  if (receipt.version === 2 && (receipt.mode === undefined || receipt.controlTotalsDeclared === undefined)) {
    context.addIssue({ code: 'custom', path: ['mode'], message: 'a version 2 receipt is a blind side’s: mode "blind" and controlTotalsDeclared true' });
  }
  if (receipt.version === 1 && blind) context.addIssue({ code: 'custom', path: ['version'], message: 'mode and controlTotalsDeclared are version 2 members' });
}

export const unsignedSideReceiptSchema = unsignedSideReceiptObject.superRefine(checkReceipt);
export const sideReceiptSchema = unsignedSideReceiptObject.extend({ signature: evidentSignatureSchema }).superRefine(checkReceipt);

export type UnsignedSideReceipt = z.infer<typeof unsignedSideReceiptSchema>;
export type SideReceipt = z.infer<typeof sideReceiptSchema>;

export function buildSideReceipt(input: {
  pairId: string;
  businessDate: string;
  bank: 'A' | 'B';
  fileSha256: string;
  fileSize: number;
  root: string;
  rowCount: number;
  controlTotals: ControlTotals;
  previousReceiptSha256: string | null;
  committedAt: Date;
  issuer: { name: string; address: string };
  /** Blind: a version 2 receipt, the control totals marked as the bank's declaration. */
  mode?: 'open' | 'blind';
}): UnsignedSideReceipt {
  const blind = input.mode === 'blind';
  return unsignedSideReceiptSchema.parse({
    format: SIDE_RECEIPT_FORMAT,
    version: blind ? 2 : 1,
    pairId: input.pairId,
    businessDate: input.businessDate,
    bank: input.bank,
    ...(blind ? { mode: 'blind' } : {}),
    file: { sha256: input.fileSha256, size: input.fileSize },
    side: { root: input.root, rowCount: input.rowCount },
    controlTotals: controlTotalsToJson(input.controlTotals),
    ...(blind ? { controlTotalsDeclared: true } : {}),
    previousReceiptSha256: input.previousReceiptSha256,
    committedAt: input.committedAt.toISOString(),
    issuer: { name: input.issuer.name, address: input.issuer.address.toLowerCase() },
  });
}

function withoutSignature(receipt: UnsignedSideReceipt | SideReceipt): UnsignedSideReceipt {
  const { signature: _signature, ...body } = receipt as SideReceipt;
  return body;
}

/** The receipt's canonical bytes (RFC 8785, UTF-8), `signature` left out. */
export function sideReceiptBytes(receipt: UnsignedSideReceipt | SideReceipt): Uint8Array {
  return canonicalDocumentBytes(withoutSignature(receipt));
}

/** SHA-256 of sideReceiptBytes, 0x-hex: the receipt's name in the chain, statements and certificates. */
export function sideReceiptSha256(receipt: UnsignedSideReceipt | SideReceipt): string {
  return documentSha256(withoutSignature(receipt));
}

export async function signSideReceipt(unsigned: UnsignedSideReceipt, signer: BaseWallet): Promise<SideReceipt> {
  const body = unsignedSideReceiptSchema.parse(withoutSignature(unsigned));
  if (signer.address.toLowerCase() !== body.issuer.address) {
    throw new Error(`The signing key belongs to ${signer.address.toLowerCase()}, but the receipt names issuer ${body.issuer.address}.`);
  }
  return { ...body, signature: await signReconciliationDocument(SIDE_RECEIPT_FORMAT, body, signer) };
}

export type SideReceiptCheck =
  | { ok: true; receipt: SideReceipt; sha256: string; signer: string }
  | {
      ok: false;
      code: 'receipt.malformed' | 'receipt.signature-invalid' | 'receipt.untrusted-issuer' | 'receipt.chain-broken';
      message: string;
    };

/**
 * Checks a side receipt: read strictly (a duplicate member is malformed), every field in its form,
 * the signature canonical and by the issuer the receipt names, that issuer among `trustedIssuers`
 * when given, and, given the same bank's previous receipt, that this one chains to it (same pair and
 * bank, a later date, previousReceiptSha256 its digest).
 */
export function verifySideReceipt(
  input: string | unknown,
  { trustedIssuers, previous }: { trustedIssuers?: readonly string[]; previous?: SideReceipt | UnsignedSideReceipt | null } = {},
): SideReceiptCheck {
  let receipt: SideReceipt;
  try {
    receipt = sideReceiptSchema.parse(typeof input === 'string' ? parseStrictJson(input) : input);
  } catch (error) {
    return { ok: false, code: 'receipt.malformed', message: `Not a valid side receipt: ${messageOf(error)}` };
  }
  let signer: string;
  try {
    signer = recoverReconciliationSigner(SIDE_RECEIPT_FORMAT, withoutSignature(receipt), receipt.signature);
  } catch (error) {
    return { ok: false, code: 'receipt.signature-invalid', message: `The receipt's signature is invalid: ${messageOf(error)}` };
  }
  if (signer !== receipt.issuer.address) {
    return {
      ok: false,
      code: 'receipt.signature-invalid',
      message: `The receipt was altered after signing, or signed by another key (recovered ${signer}, but it names issuer ${receipt.issuer.address}).`,
    };
  }
  if (trustedIssuers && !trustedIssuers.map((address) => address.toLowerCase()).includes(signer)) {
    return { ok: false, code: 'receipt.untrusted-issuer', message: `Signed by ${signer}, which is not a trusted Evident issuer.` };
  }
  if (previous !== undefined) {
    const expected = previous === null ? null : sideReceiptSha256(previous);
    const sameSide = previous === null || (previous.pairId === receipt.pairId && previous.bank === receipt.bank && previous.businessDate < receipt.businessDate);
    if (!sameSide || receipt.previousReceiptSha256 !== expected) {
      return {
        ok: false,
        code: 'receipt.chain-broken',
        message: `The receipt names ${receipt.previousReceiptSha256 ?? 'no'} previous receipt, but the one given is ${expected ?? 'none'}${sameSide ? '' : ' (another pair, bank or a later date)'}.`,
      };
    }
  }
  return { ok: true, receipt, sha256: sideReceiptSha256(receipt), signer };
}

function messageOf(error: unknown): string {
  if (error instanceof z.ZodError) return error.issues.map((issue) => `${issue.path.join('.') || '$'}: ${issue.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}
