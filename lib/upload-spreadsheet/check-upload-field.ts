// One upload field's value checked in the browser with the schemas the server checks it with
// (fileFieldsSchema for every field, borrowerIdentitySchema for the identifiers' formats, check digit
// included), so a spreadsheet row or a shared field is refused before anything is sent. The server
// still checks every upload whole (lib/evidence/ingest-multipart-upload.ts).
import { borrowerIdentitySchema } from '../borrowers/borrower-identity';
import { fileFieldsSchema } from '../evidence/evidence-schemas';
import type { DescriptionField } from './spreadsheet-columns';

const IDENTITY_FIELD = { borrowerName: 'name', borrowerIdNumber: 'idNumber', borrowerPhone: 'phone', borrowerEmail: 'email' } as const;

/** The server's message for the value (e.g. "expected at most 200 characters"), or null if it passes. */
export function checkUploadField(field: DescriptionField, value: string): string | null {
  const parsed = fileFieldsSchema.shape[field].safeParse(value);
  if (!parsed.success) return parsed.error.issues[0].message;
  if (field in IDENTITY_FIELD) {
    const identityField = IDENTITY_FIELD[field as keyof typeof IDENTITY_FIELD];
    const identity = borrowerIdentitySchema.shape[identityField].safeParse(value);
    if (!identity.success) return identity.error.issues[0].message;
  }
  return null;
}
