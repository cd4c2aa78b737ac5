// A statement refused whole (§4): the first issues in line order, and how many there were.
import { DomainError } from '../proof/domain-error';
import type { StatementIssue } from './statement-reader';

/** Issues a refusal lists (the reader's limit); the count covers them all. */
export const MAX_ISSUES = 1000;

export class StatementRejectedError extends DomainError {
  readonly code = 'statement-rejected';
  constructor(
    /** The first issues (up to the reader's limit), in file order. */
    readonly issues: StatementIssue[],
    readonly issueCount: number,
  ) {
    super(`The statement was refused whole: ${issueCount} issue(s), the first on line ${issues[0]?.line}: ${issues[0]?.message}`);
  }
}
