// What one added file's fields say before the lender edits them: the spreadsheet row that names it,
// else the shared fields, else the file name as title. A field the lender typed into stays as typed.
// The borrower is one group: a row that names any borrower field replaces all the shared ones, so a
// row's name is never paired with the shared fields' ID number of someone else.
import type { EvidenceType } from '@/lib/evidence/evidence-schemas';
import type { RowValues } from '@/lib/upload-spreadsheet/read-upload-spreadsheet';

export const ITEM_FIELDS = ['title', 'type', 'loanReference', 'borrowerName', 'borrowerIdNumber', 'borrowerPhone', 'borrowerEmail'] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];
export type ItemValues = Record<Exclude<ItemField, 'type'>, string> & { type: EvidenceType | '' };

/** The shared fields: everything but the title, which is each file's own. */
export type SharedValues = Omit<ItemValues, 'title'>;
export const EMPTY_SHARED: SharedValues = { type: '', loanReference: '', borrowerName: '', borrowerIdNumber: '', borrowerPhone: '', borrowerEmail: '' };

const BORROWER_FIELDS = ['borrowerName', 'borrowerIdNumber', 'borrowerPhone', 'borrowerEmail'] as const;

export function titleFrom(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

export function defaultItemValues(fileName: string, shared: SharedValues, row: RowValues | undefined): ItemValues {
  const rowNamesBorrower = row !== undefined && BORROWER_FIELDS.some((field) => row[field]);
  const values: ItemValues = { ...shared, title: row?.title ?? titleFrom(fileName) };
  if (row?.type) values.type = row.type;
  if (row?.loanReference) values.loanReference = row.loanReference;
  if (rowNamesBorrower) for (const field of BORROWER_FIELDS) values[field] = row[field] ?? '';
  return values;
}

/** The item's values with every field the lender has not typed into brought up to date; the same
 * object when nothing changed (so React skips the render). */
export function refreshItemValues(current: ItemValues, edited: Partial<Record<ItemField, true>>, defaults: ItemValues): ItemValues {
  let next = current;
  for (const field of ITEM_FIELDS) {
    if (edited[field] || current[field] === defaults[field]) continue;
    next = { ...next, [field]: defaults[field] };
  }
  return next;
}
