// Data contract v1 of co-lender reconciliation (docs/reconciliation-format.md §2–§3): the row, its
// enums, and the canonical bytes each committed field is hashed as. Browser-safe: the verifier reads
// field names and value encodings from here, so the spec, the ingest and the verifier cannot drift.
import canonicalize from 'canonicalize';

export const RECONCILIATION_FORMAT_VERSION = 1;

/** Types of money movement or lifecycle event, in the order their codes are assigned (§2). */
export const TRANSACTION_TYPES = [
  'disbursement',
  'principal_repayment',
  'interest_repayment',
  'penalty_repayment',
  'fee',
  'reversal',
  'write_off',
  'buy_back',
] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export const ROW_STATUSES = ['settled', 'pending', 'failed'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** One row as validated (validate-row.ts). Amounts are integer fen, all safe integers. */
export interface ReconciliationRow {
  loanNumber: string;
  transactionId: string;
  type: TransactionType;
  accountingDate: string;
  valueDate: string;
  totalFen: number;
  shareAFen: number;
  shareBFen: number;
  ratioBp: number;
  status: RowStatus;
  currency: string;
}

/**
 * The committed fields, in field-tree order: the index is the field's position in the field tree
 * and its salt label. `identity` commits the matching key's inputs, so a break can name the loan
 * without the pair key.
 */
export const COMMITTED_FIELDS = [
  'identity',
  'accountingDate',
  'valueDate',
  'totalFen',
  'shareAFen',
  'shareBFen',
  'ratioBp',
  'status',
  'currency',
] as const;
export type CommittedField = (typeof COMMITTED_FIELDS)[number];
export const FIELD_COUNT = COMMITTED_FIELDS.length;

/** The JSON value a field is committed as; its RFC 8785 form is the field's canonical value. */
export function fieldJsonValue(row: ReconciliationRow, field: CommittedField): string | number | string[] {
  if (field === 'identity') return [row.loanNumber, row.transactionId, row.type];
  return row[field];
}

const utf8 = new TextEncoder();

/** UTF-8 of the RFC 8785 canonical JSON of the field's value (§3.3). */
export function canonicalFieldValue(row: ReconciliationRow, field: CommittedField): Uint8Array {
  return utf8.encode(canonicalize(fieldJsonValue(row, field)) as string);
}

/** The matching key's message: the identity field's canonical value (§3.2). */
export function matchKeyMessage(row: Pick<ReconciliationRow, 'loanNumber' | 'transactionId' | 'type'>): Uint8Array {
  return utf8.encode(canonicalize([row.loanNumber, row.transactionId, row.type]) as string);
}
