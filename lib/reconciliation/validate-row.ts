// Validation rules of data contract v1 (§2.2): one raw row (field name → text, after the bank's
// column map) becomes a ReconciliationRow or a list of issues, each naming the field. Browser-safe.
import { ROW_STATUSES, TRANSACTION_TYPES, type ReconciliationRow, type RowStatus, type TransactionType } from './row-format';

export type RowField = keyof ReconciliationRow;
export const ROW_FIELDS: readonly RowField[] = [
  'loanNumber',
  'transactionId',
  'type',
  'accountingDate',
  'valueDate',
  'totalFen',
  'shareAFen',
  'shareBFen',
  'ratioBp',
  'status',
  'currency',
];

export type RowIssueCode =
  | 'missing'
  | 'invalid-identifier'
  | 'unknown-type'
  | 'unknown-status'
  | 'invalid-date'
  | 'invalid-amount'
  | 'invalid-ratio'
  | 'invalid-currency'
  | 'shares-do-not-sum'
  | 'share-does-not-match-ratio';

export interface RowIssue {
  field: RowField;
  code: RowIssueCode;
  message: string;
}

/** Loan numbers and transaction ids: ASCII letters, digits and . _ / -, 1 to 64 characters. */
export const IDENTIFIER_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._/-]{0,63}$/;
const DATE_PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const FEN_PATTERN = /^(0|[1-9][0-9]{0,15})$/;
const BP_PATTERN = /^(0|[1-9][0-9]{0,4})$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const TYPES = new Set<string>(TRANSACTION_TYPES);
const STATUSES = new Set<string>(ROW_STATUSES);

export type RawRow = Partial<Record<RowField, string>>;

export function validateRow(raw: RawRow): { row: ReconciliationRow; issues?: undefined } | { row?: undefined; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const text = (field: RowField): string | undefined => {
    const value = raw[field];
    if (value === undefined || value === '') {
      issues.push({ field, code: 'missing', message: `${field} is missing or empty.` });
      return undefined;
    }
    return value;
  };
  const identifier = (field: 'loanNumber' | 'transactionId'): string => {
    const value = text(field);
    if (value !== undefined && !IDENTIFIER_PATTERN.test(value)) {
      issues.push({
        field,
        code: 'invalid-identifier',
        message: `${field} ${JSON.stringify(value)} must be 1 to 64 ASCII letters, digits or . _ / -, starting with a letter or digit.`,
      });
    }
    return value ?? '';
  };
  const date = (field: 'accountingDate' | 'valueDate'): string => {
    const value = text(field);
    if (value !== undefined && !isCalendarDate(value)) {
      issues.push({ field, code: 'invalid-date', message: `${field} ${JSON.stringify(value)} is not a calendar date YYYY-MM-DD.` });
    }
    return value ?? '';
  };
  const fen = (field: 'totalFen' | 'shareAFen' | 'shareBFen'): number => {
    const value = text(field);
    if (value === undefined) return Number.NaN;
    if (!FEN_PATTERN.test(value) || !Number.isSafeInteger(Number(value))) {
      issues.push({
        field,
        code: 'invalid-amount',
        message: `${field} ${JSON.stringify(value)} must be a whole number of fen from 0 to ${Number.MAX_SAFE_INTEGER}, without sign or leading zero.`,
      });
      return Number.NaN;
    }
    return Number(value);
  };

  const loanNumber = identifier('loanNumber');
  const transactionId = identifier('transactionId');
  const type = text('type');
  if (type !== undefined && !TYPES.has(type)) {
    issues.push({ field: 'type', code: 'unknown-type', message: `type ${JSON.stringify(type)} is not one of ${TRANSACTION_TYPES.join(', ')}.` });
  }
  const accountingDate = date('accountingDate');
  const valueDate = date('valueDate');
  const totalFen = fen('totalFen');
  const shareAFen = fen('shareAFen');
  const shareBFen = fen('shareBFen');
  const ratioText = text('ratioBp');
  let ratioBp = Number.NaN;
  if (ratioText !== undefined) {
    if (!BP_PATTERN.test(ratioText) || Number(ratioText) > 10000) {
      issues.push({ field: 'ratioBp', code: 'invalid-ratio', message: `ratioBp ${JSON.stringify(ratioText)} must be a whole number of basis points from 0 to 10000.` });
    } else ratioBp = Number(ratioText);
  }
  const status = text('status');
  if (status !== undefined && !STATUSES.has(status)) {
    issues.push({ field: 'status', code: 'unknown-status', message: `status ${JSON.stringify(status)} is not one of ${ROW_STATUSES.join(', ')}.` });
  }
  const currency = text('currency');
  if (currency !== undefined && !CURRENCY_PATTERN.test(currency)) {
    issues.push({ field: 'currency', code: 'invalid-currency', message: `currency ${JSON.stringify(currency)} must be three upper-case letters (ISO 4217).` });
  }

  if (!Number.isNaN(totalFen) && !Number.isNaN(shareAFen) && !Number.isNaN(shareBFen)) {
    if (BigInt(shareAFen) + BigInt(shareBFen) !== BigInt(totalFen)) {
      issues.push({
        field: 'shareBFen',
        code: 'shares-do-not-sum',
        message: `shareAFen ${shareAFen} + shareBFen ${shareBFen} must equal totalFen ${totalFen}.`,
      });
    } else if (!Number.isNaN(ratioBp) && !shareMatchesRatio(totalFen, shareAFen, ratioBp)) {
      issues.push({
        field: 'shareAFen',
        code: 'share-does-not-match-ratio',
        message: `shareAFen ${shareAFen} is not totalFen ${totalFen} × ${ratioBp} bp rounded down or up to a whole fen.`,
      });
    }
  }
  if (issues.length > 0) return { issues };
  return {
    row: {
      loanNumber,
      transactionId,
      type: type as TransactionType,
      accountingDate,
      valueDate,
      totalFen,
      shareAFen,
      shareBFen,
      ratioBp,
      status: status as RowStatus,
      currency: currency as string,
    },
  };
}

/** shareA is floor or ceil of total × ratio / 10000: |shareA × 10000 − total × ratio| < 10000. */
export function shareMatchesRatio(totalFen: number, shareAFen: number, ratioBp: number): boolean {
  const difference = BigInt(shareAFen) * 10000n - BigInt(totalFen) * BigInt(ratioBp);
  return difference > -10000n && difference < 10000n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}
