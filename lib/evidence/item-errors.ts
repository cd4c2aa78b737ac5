// Per-item validation errors of bulk requests: zod issues become `{ index, field, message }`, and a
// collector keeps the first MAX_REPORTED_ITEM_ERRORS of them (a million bad lines should not make a
// million-entry error response) while counting all.
import type { z } from 'zod';
import { InvalidItemsError, MAX_REPORTED_ITEM_ERRORS, type ItemError } from '../errors';

export function itemErrorsFromIssues(index: number, issues: z.core.$ZodIssue[]): ItemError[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ index, field: formatPath([...issue.path, key]), message: 'is not a known field' }));
    }
    return [{ index, field: issue.path.length > 0 ? formatPath(issue.path) : null, message: issue.message }];
  });
}

export class ItemErrorCollector {
  readonly errors: ItemError[] = [];
  count = 0;

  add(errors: ItemError[]): void {
    this.count += errors.length;
    for (const error of errors) if (this.errors.length < MAX_REPORTED_ITEM_ERRORS) this.errors.push(error);
  }

  /** Throws InvalidItemsError when any error was added. */
  throwIfAny(): void {
    if (this.count > 0) throw new InvalidItemsError(this.errors, this.count);
  }
}

function formatPath(path: PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`)).join('');
}
