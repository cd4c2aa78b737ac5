// Validates one item of a bulk request and turns it into the row to insert, or into item errors
// naming the field. Records are canonicalised and hashed here; hashes keep the submitter's digest.
import type { ItemError } from '../errors';
import { fromHex } from '../proof/hex';
import { canonicalizeRecord } from './canonicalize-record';
import { hashInputSchema, recordInputSchema } from './evidence-schemas';
import type { EvidenceRowInput } from './insert-evidence-rows';
import { itemErrorsFromIssues } from './item-errors';

export type ParsedItem = { row: EvidenceRowInput; errors?: undefined } | { row?: undefined; errors: ItemError[] };

export function parseRecordItem(value: unknown, index: number): ParsedItem {
  const parsed = recordInputSchema.safeParse(value);
  if (!parsed.success) return { errors: itemErrorsFromIssues(index, parsed.error.issues) };
  const record = parsed.data;
  let canonical;
  try {
    canonical = canonicalizeRecord(record.data);
  } catch (error) {
    return { errors: [{ index, field: 'data', message: `has no RFC 8785 canonical form: ${(error as Error).message}` }] };
  }
  return {
    row: {
      sha256: canonical.sha256,
      fileName: `record-${index}.json`,
      mediaType: 'application/json',
      size: canonical.size,
      storageKey: null,
      evidenceType: record.type,
      loanReference: record.loanReference ?? null,
      borrowerReference: record.borrowerReference ?? null,
      canonicalRecord: canonical.canonical,
      source: record.source ?? null,
    },
  };
}

export function parseHashItem(value: unknown, index: number): ParsedItem {
  const parsed = hashInputSchema.safeParse(value);
  if (!parsed.success) return { errors: itemErrorsFromIssues(index, parsed.error.issues) };
  const item = parsed.data;
  return {
    row: {
      sha256: fromHex(item.sha256, 32),
      fileName: item.fileName ?? `hash-${index}`,
      mediaType: item.mediaType ?? 'application/octet-stream',
      size: item.size ?? 0,
      storageKey: null,
      evidenceType: item.type ?? null,
      loanReference: item.loanReference ?? null,
      borrowerReference: item.borrowerReference ?? null,
      canonicalRecord: null,
      source: item.source ?? null,
    },
  };
}
