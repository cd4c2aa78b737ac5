// The columns of the upload spreadsheet (one row per file of a batch upload): which header names, in
// Chinese and in English, name which upload field, and the evidence type's spellings. The README's
// table and the downloadable templates (public/templates/) are written from this list. Browser-safe.
import { EVIDENCE_TYPES, type EvidenceType } from '../evidence/evidence-schemas';

/** The fields a row may give; `fileName` says which file the row describes. */
export const SPREADSHEET_FIELDS = [
  'fileName',
  'title',
  'type',
  'loanReference',
  'borrowerName',
  'borrowerIdNumber',
  'borrowerPhone',
  'borrowerEmail',
] as const;
export type SpreadsheetField = (typeof SPREADSHEET_FIELDS)[number];
export type DescriptionField = Exclude<SpreadsheetField, 'fileName'>;

/** The template's header of each field in each language, then other names people write (all matched
 * ignoring case, spaces, underscores, hyphens and full-width brackets). */
export const SPREADSHEET_COLUMNS: Record<SpreadsheetField, { zh: string; en: string; aliases: string[] }> = {
  fileName: { zh: '文件名', en: 'File name', aliases: ['文件', '文件路径', '文件名称', 'file', 'path', 'file path'] },
  title: { zh: '标题', en: 'Title', aliases: ['证据标题', '证据名称', '名称'] },
  type: { zh: '证据类型', en: 'Type', aliases: ['类型', 'evidence type'] },
  loanReference: { zh: '借款合同编号', en: 'Loan reference', aliases: ['合同编号', '借据号', '贷款编号', 'loan', 'loan ref', 'loan number'] },
  borrowerName: { zh: '借款人姓名', en: 'Borrower name', aliases: ['借款人', '姓名', "borrower's name", 'borrower'] },
  borrowerIdNumber: {
    zh: '借款人身份证号',
    en: 'Borrower ID number',
    aliases: ['身份证号', '身份证号码', '证件号码', '借款人证件号码', "borrower's id number", 'id number'],
  },
  borrowerPhone: { zh: '借款人手机号', en: 'Borrower phone', aliases: ['手机号', '手机号码', '联系电话', "borrower's phone", 'phone'] },
  borrowerEmail: { zh: '借款人电子邮箱', en: 'Borrower email', aliases: ['电子邮箱', '邮箱', "borrower's email", 'email'] },
};

/** Each evidence type by its code, its Chinese and its English name (the portal's labels). */
export const TYPE_NAMES: Record<EvidenceType, { zh: string; en: string; aliases: string[] }> = {
  loan_contract: { zh: '借款合同', en: 'Loan contract', aliases: ['贷款合同'] },
  repayment_record: { zh: '还款记录', en: 'Repayment record', aliases: [] },
  transaction_record: { zh: '交易记录', en: 'Transaction record', aliases: ['流水'] },
  notice: { zh: '催收/通知函', en: 'Notice to borrower', aliases: ['通知函', '催收函', 'notice'] },
  other: { zh: '其他', en: 'Other', aliases: [] },
};

export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-（）()’'*]/g, '')
    .replace(/s$/, '');
}

const HEADER_INDEX = new Map<string, SpreadsheetField>();
for (const field of SPREADSHEET_FIELDS) {
  const { zh, en, aliases } = SPREADSHEET_COLUMNS[field];
  for (const name of [field, zh, en, ...aliases]) HEADER_INDEX.set(normalizeHeader(name), field);
}

/** The field a header cell names, or null for a column the upload does not use. */
export function fieldOfHeader(header: string): SpreadsheetField | null {
  return HEADER_INDEX.get(normalizeHeader(header)) ?? null;
}

const TYPE_INDEX = new Map<string, EvidenceType>();
for (const type of EVIDENCE_TYPES) {
  const { zh, en, aliases } = TYPE_NAMES[type];
  for (const name of [type, zh, en, ...aliases]) TYPE_INDEX.set(normalizeHeader(name), type);
}

/** The evidence type a cell names (code, Chinese or English name), or null. */
export function typeOfCell(cell: string): EvidenceType | null {
  return TYPE_INDEX.get(normalizeHeader(cell)) ?? null;
}
