// The layout of a fixed-width statement (docs/reconciliation-format.md §2.3): each field of the row
// at a byte offset with a byte length. A layout with a field missing or two fields sharing a byte
// can only misread every line, so it is refused when the pair is configured (reconciliation-schemas.ts),
// not discovered line by line at upload. Browser-safe.
import { ROW_FIELDS, type RowField } from './validate-row';

/** Where a field's bytes are on a line: [offset, offset + length), counted in bytes before decoding. */
export interface FixedWidthField {
  offset: number;
  length: number;
}

export type FixedWidthFields = Partial<Record<RowField, FixedWidthField>>;

export interface LayoutProblem {
  field: RowField;
  message: string;
}

/** Every problem of a layout, each naming the field it is about; none: the layout is usable. */
export function checkFixedWidthLayout(fields: FixedWidthFields): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const placed: { field: RowField; offset: number; end: number }[] = [];
  for (const field of ROW_FIELDS) {
    const place = fields[field];
    if (place === undefined) {
      problems.push({ field, message: `${field} has no place: a fixed-width map gives every field’s byte offset and length.` });
      continue;
    }
    if (!Number.isSafeInteger(place.offset) || place.offset < 0 || !Number.isSafeInteger(place.length) || place.length < 1) {
      problems.push({ field, message: `${field} must have a whole offset ≥ 0 and a whole length ≥ 1 (bytes).` });
      continue;
    }
    placed.push({ field, offset: place.offset, end: place.offset + place.length });
  }
  placed.sort((x, y) => x.offset - y.offset || x.end - y.end);
  for (let i = 1; i < placed.length; i++) {
    // Sorted by offset, a field overlaps some earlier one iff it starts before the furthest end so far.
    const earlier = placed.slice(0, i).reduce((far, p) => (p.end > far.end ? p : far));
    const current = placed[i];
    if (current.offset < earlier.end) {
      problems.push({
        field: current.field,
        message: `${current.field} (bytes ${current.offset}–${current.end - 1}) overlaps ${earlier.field} (bytes ${earlier.offset}–${earlier.end - 1}).`,
      });
    }
  }
  return problems;
}

/** Bytes a line needs to hold every field: the end of the last one. */
export function fixedWidthLayoutEnd(fields: FixedWidthFields): number {
  let end = 0;
  for (const field of ROW_FIELDS) {
    const place = fields[field];
    if (place) end = Math.max(end, place.offset + place.length);
  }
  return end;
}
