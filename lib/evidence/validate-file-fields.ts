// The description a file upload carries (title, type, loan reference, the borrower, source), checked
// field by field. One check for every way a file arrives: the multipart form fields of POST
// /api/v1/evidence/files and the Upload-Metadata of a resumable upload (POST /api/v1/uploads), so a
// field refused by one is refused by the other with the same message.
import { borrowerIdentitySchema, type BorrowerIdentity } from '../borrowers/borrower-identity';
import { FieldErrorsError } from '../errors';
import { fileFieldsSchema, type FileFields } from './evidence-schemas';

const FIELD_NAMES = Object.keys(fileFieldsSchema.shape) as Array<keyof FileFields>;
const BORROWER_FIELDS = { name: 'borrowerName', idNumber: 'borrowerIdNumber', phone: 'borrowerPhone', email: 'borrowerEmail' } as const;
const IDENTIFIER_FIELDS = ['borrowerIdNumber', 'borrowerPhone', 'borrowerEmail'] as const;

export type FileDescription = Omit<
  FileFields,
  'sha256' | 'borrowerName' | 'borrowerIdNumber' | 'borrowerPhone' | 'borrowerEmail' | 'confirmSameNameBorrower'
> & {
  confirmSameNameBorrower: boolean;
  borrower?: BorrowerIdentity;
};

/** Every field error at once, keyed by the field name, so the form can show each beside its input.
 * `requireDescription`: a lender's staff (the portal form) must give title, type and borrower. */
export function validateFileFields(raw: Record<string, string>, requireDescription: boolean): FileDescription {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const valid: FileFields = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!(FIELD_NAMES as string[]).includes(name)) {
      add(name, `is not a field of this upload; the fields are ${FIELD_NAMES.join(', ')}`);
      continue;
    }
    const parsed = fileFieldsSchema.shape[name as keyof FileFields].safeParse(value);
    if (parsed.success) Object.assign(valid, { [name]: parsed.data });
    else add(name, parsed.error.issues[0].message);
  }
  const { sha256: _sha256, borrowerName, borrowerIdNumber, borrowerPhone, borrowerEmail, confirmSameNameBorrower, ...description } = valid;
  let borrower: BorrowerIdentity | undefined;
  const namesBorrower = Object.values(BORROWER_FIELDS).some((field) => raw[field] !== undefined);
  if (namesBorrower || requireDescription) {
    const identity = borrowerIdentitySchema.safeParse({ name: borrowerName ?? '', idNumber: borrowerIdNumber, phone: borrowerPhone, email: borrowerEmail });
    if (identity.success) borrower = identity.data;
    else {
      for (const issue of identity.error.issues) {
        const field = BORROWER_FIELDS[issue.path[0] as keyof typeof BORROWER_FIELDS] ?? 'borrowerName';
        // A field whose value was refused already is not blamed twice, nor the missing identifier
        // when an identifier was given but refused.
        const identifierRefused = IDENTIFIER_FIELDS.some((f) => errors[f]);
        if (errors[field] || (issue.code === 'custom' && identifierRefused)) continue;
        add(field, field === 'borrowerName' && !borrowerName ? 'is missing' : issue.message);
      }
    }
  }
  if (requireDescription) {
    if (!raw.title && !errors.title) add('title', 'is missing');
    if (!raw.type && !errors.type) add('type', 'is missing');
  }
  if (Object.keys(errors).length > 0) throw new FieldErrorsError(errors);
  return { ...description, borrower, confirmSameNameBorrower: confirmSameNameBorrower === 'true' };
}

/** The file's own name, without any directory part or control characters, at most 255 characters. */
export function normaliseFileName(raw: string | undefined | null): string {
  const base = (raw ?? '').split(/[\\/]/).pop()?.trim() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255);
  return cleaned || 'unnamed';
}
