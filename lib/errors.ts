// Domain errors raised by lib/ services. Each names what went wrong for the user; lib/http maps
// them to HTTP status codes in one place, so no route handler decides status codes itself.

import { DomainError } from './proof/domain-error';

export { DomainError };

export class InvalidUploadError extends DomainError {
  readonly code = 'invalid-upload';
}

export class UploadTooLargeError extends DomainError {
  readonly code = 'upload-too-large';
  constructor(readonly limitBytes: number) {
    super(`The file is larger than the limit of ${limitBytes} bytes.`);
  }
}

export class HashMismatchError extends DomainError {
  readonly code = 'hash-mismatch';
  constructor(
    readonly clientSha256: string,
    readonly serverSha256: string,
  ) {
    super(
      `The SHA-256 computed in the browser (${clientSha256}) differs from the one the server computed ` +
        `(${serverSha256}): the file changed in transit. Nothing was stored.`,
    );
  }
}

/** No resumable upload with this id for the caller's organization: unknown, removed after it expired,
 * or another organization's. */
export class ResumableUploadNotFoundError extends DomainError {
  readonly code = 'upload-not-found';
  constructor(readonly uploadId: string) {
    super(`No resumable upload with id ${uploadId}.`);
  }
}

export class EvidenceNotFoundError extends DomainError {
  readonly code = 'evidence-not-found';
  constructor(readonly evidenceId: string) {
    super(`No evidence with id ${evidenceId}.`);
  }
}

export class EvidenceNotAnchoredError extends DomainError {
  readonly code = 'evidence-not-anchored';
  constructor(
    readonly evidenceId: string,
    readonly status: string,
  ) {
    super(`Evidence ${evidenceId} is ${status}; its certificate is issued once it is anchored on chain.`);
  }
}

export class InvalidRequestError extends DomainError {
  readonly code = 'invalid-request';
}

export class CertificateNotFoundError extends DomainError {
  readonly code = 'certificate-not-found';
  constructor(readonly serial: string) {
    super(`No certificate with serial ${serial}.`);
  }
}

/** The serial names a certificate of an anchor that no longer counts: the item was anchored again. */
export class CertificateSupersededError extends DomainError {
  readonly code = 'certificate-superseded';
  constructor(
    readonly serial: string,
    readonly supersededBy: string,
  ) {
    super(`Certificate ${serial} was superseded by certificate ${supersededBy}: the item was anchored again.`);
  }
}

export class CertificateAlreadyRevokedError extends DomainError {
  readonly code = 'certificate-already-revoked';
  constructor(readonly serial: string) {
    super(`Certificate ${serial} is already revoked.`);
  }
}

export class RequestTooLargeError extends DomainError {
  readonly code = 'request-too-large';
}

/** One invalid item of a bulk request: `index` is its position in the request (0-based), `field`
 * the offending field's dotted path, or null when the item as a whole is wrong. */
export interface ItemError {
  index: number;
  field: string | null;
  message: string;
}

/** A bulk request with invalid items is refused whole: nothing of it was stored. */
export class InvalidItemsError extends DomainError {
  readonly code = 'invalid-items';
  constructor(
    /** The first errors, at most MAX_REPORTED_ITEM_ERRORS of them. */
    readonly errors: ItemError[],
    readonly errorCount: number,
  ) {
    super(
      `${errorCount} item${errorCount === 1 ? ' is' : 's are'} invalid, so nothing was stored; ` +
        `the first: item ${errors[0].index}${errors[0].field ? ` field ${errors[0].field}` : ''}: ${errors[0].message}`,
    );
  }
}

export const MAX_REPORTED_ITEM_ERRORS = 1000;

export class UnauthorizedError extends DomainError {
  readonly code = 'unauthorized';
}

/** Signed in, and allowed to see the thing, but not to do this to it (HTTP 403). Where the viewer may
 * not even know the thing exists, services raise the not-found error instead. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

export class CaseNotFoundError extends DomainError {
  readonly code = 'case-not-found';
  constructor(readonly caseId: string) {
    super(`No case with id ${caseId}.`);
  }
}

export class ReportNotFoundError extends DomainError {
  readonly code = 'report-not-found';
  constructor(readonly reportId: string) {
    super(`No verification report with id ${reportId}.`);
  }
}

/** A form or request field that failed validation, with messages per field for the form to show. */
export class FieldErrorsError extends DomainError {
  readonly code = 'invalid-fields';
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super(`Some fields are not valid: ${Object.keys(fieldErrors).join(', ')}.`);
  }
}

export class InvalidCaseTransitionError extends DomainError {
  readonly code = 'invalid-case-transition';
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`A case that is ${from} cannot move to ${to}.`);
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'rate-limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests with this API key; retry in ${retryAfterSeconds} s.`);
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'idempotency-key-reused';
  constructor(readonly key: string) {
    super(`Idempotency-Key ${JSON.stringify(key)} was already used with a different request; use a new key for a new request.`);
  }
}

export class BatchNotFoundError extends DomainError {
  readonly code = 'batch-not-found';
  constructor(readonly batchId: string) {
    super(`No batch with id ${batchId}.`);
  }
}

export class OrganizationNotFoundError extends DomainError {
  readonly code = 'organization-not-found';
  constructor(readonly reference: string) {
    super(`No organization with id or name ${JSON.stringify(reference)}.`);
  }
}

export class ApiKeyNotFoundError extends DomainError {
  readonly code = 'api-key-not-found';
  constructor(readonly prefix: string) {
    super(`No API key with prefix ${prefix}.`);
  }
}

/** The stored original no longer hashes to the SHA-256 recorded (and anchored) for it: the file on
 * disk was altered or damaged, so it is not handed out. */
export class StoredFileHashMismatchError extends DomainError {
  readonly code = 'stored-file-hash-mismatch';
  constructor(
    readonly evidenceId: string,
    readonly expectedSha256: string,
    readonly actualSha256: string,
  ) {
    super(
      `The stored original of evidence ${evidenceId} hashes to ${actualSha256}, not to its recorded SHA-256 ` +
        `${expectedSha256}: the stored file was altered or damaged, so it is not sent.`,
    );
  }
}

/** The evidence item has no stored original (only its hash was submitted). */
export class OriginalFileNotStoredError extends DomainError {
  readonly code = 'original-file-not-stored';
  constructor(readonly evidenceId: string) {
    super(`Evidence ${evidenceId} was submitted as a hash only; there is no original file to download.`);
  }
}

/** A case is marked verified only on the strength of a passing Verify all. */
export class CaseNotVerifiedError extends DomainError {
  readonly code = 'case-not-verified';
  constructor(readonly caseId: string) {
    super(`Case ${caseId} has no passing verification report as its latest; run Verify all first.`);
  }
}

/** The client went away before its request body was complete: a 400 nobody reads, not our fault. */
export class RequestAbortedError extends DomainError {
  readonly code = 'request-aborted';
  constructor() {
    super('The request body ended before it was complete (the client closed the connection).');
  }
}

/** The disk (or the storage quota) is full: nothing was stored; retry when space is freed. */
export class StorageFullError extends DomainError {
  readonly code = 'storage-full';
  constructor() {
    super('The server has no space left to store this. Nothing was stored; try again later.');
  }
}

export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The database cannot be reached or dropped the connection (restarting, killed, network): the
 * request was not completed and can be sent again once it is back. */
export class DatabaseUnavailableError extends DomainError {
  readonly code = 'database-unavailable';
  constructor(readonly retryAfterSeconds: number = DATABASE_RETRY_AFTER_SECONDS) {
    super(`The database is not reachable at the moment; nothing was changed. Retry in ${retryAfterSeconds} s.`);
  }
}

/** A lender's upload names a borrower who is not on record under that identifier, while the
 * organization already has a borrower of the same name: a mistyped ID number would otherwise make a
 * second 张伟 silently. The upload is refused until the lender confirms it is another person. */
export class SameNameBorrowerError extends DomainError {
  readonly code = 'same-name-borrower';
  constructor(
    readonly borrowerName: string,
    readonly existing: Array<{ identifierHint: string | null }>,
  ) {
    super(
      `Your organization already has a borrower named ${borrowerName} with another identifier (${existing.map((b) => b.identifierHint ?? 'no identifier on record').join(', ')}). ` +
        'Check the identifier; if this is another person, send confirmSameNameBorrower=true to create them.',
    );
  }
}

/** No co-lending pair with this id of which the viewer's organization is a member: unknown, or
 * another pair's (a bank outside a pair cannot tell it exists). */
export class ReconciliationPairNotFoundError extends DomainError {
  readonly code = 'reconciliation-pair-not-found';
  constructor(readonly pairId: string) {
    super(`No co-lending pair with id ${pairId}.`);
  }
}

/** Nothing is committed for this pair and business date yet (no side, no statement). */
export class ReconciliationDayNotFoundError extends DomainError {
  readonly code = 'reconciliation-day-not-found';
  constructor(
    readonly pairId: string,
    readonly businessDate: string,
  ) {
    super(`Nothing is committed for pair ${pairId} on ${businessDate} yet.`);
  }
}

/** The business date is not one a statement may be uploaded for: before the pair's first business
 * date, before the bank's last committed day, or a day that has not ended yet in Asia/Shanghai. */
export class BusinessDateNotAllowedError extends DomainError {
  readonly code = 'business-date-not-allowed';
  constructor(
    readonly businessDate: string,
    readonly reason: 'before-first-business-date' | 'before-last-committed-day' | 'day-not-ended',
    message: string,
  ) {
    super(message);
  }
}

/** The pair's cut-off for the business date has passed (the next calendar day at the configured time,
 * Asia/Shanghai): the day is closed to uploads. */
export class StatementCutOffPassedError extends DomainError {
  readonly code = 'cut-off-passed';
  constructor(
    readonly businessDate: string,
    readonly cutOff: string,
  ) {
    super(`The cut-off for business date ${businessDate} was ${cutOff}; a statement for it is no longer accepted.`);
  }
}

/** The bank already committed its statement for this day: one file per side per day, never merged. */
export class SideAlreadyCommittedError extends DomainError {
  readonly code = 'side-already-committed';
  constructor(
    readonly businessDate: string,
    readonly bank: 'A' | 'B',
  ) {
    super(
      `Bank ${bank} already committed its statement for ${businessDate}; a second file for the same day is refused ` +
        '(a retry of the same upload with the same Idempotency-Key gets the first answer again).',
    );
  }
}

/** The server was started without RECONCILIATION_KEY_SECRET, so no pair key can be opened. Start-up
 * resolves or requires it, so only a misconfigured process sees this: a 503, never a stack trace. */
export class ReconciliationKeySecretMissingError extends DomainError {
  readonly code = 'reconciliation-key-secret-missing';
  constructor() {
    super('RECONCILIATION_KEY_SECRET is not set for this server process, so co-lending pair keys cannot be opened; the operator must set it.');
  }
}

/** The case no longer takes new material (verified or closed). */
export class CaseClosedToAdditionsError extends DomainError {
  readonly code = 'case-closed-to-additions';
  constructor(
    readonly caseNumber: string,
    readonly status: string,
  ) {
    super(`Case ${caseNumber} is ${status}: reconciliation certificates are added while it is filed or under review.`);
  }
}

/** No break with this ordinal in the day's statement. */
export class ReconciliationBreakNotFoundError extends DomainError {
  readonly code = 'reconciliation-break-not-found';
  constructor(
    readonly businessDate: string,
    readonly ordinal: number,
  ) {
    super(`The statement for ${businessDate} has no break ${ordinal}.`);
  }
}

/** A bank's opening of a blind commitment does not reproduce the commitment it stored (§14.3). */
export class BlindOpeningRefusedError extends DomainError {
  readonly code = 'blind-opening-refused';
}

/** No reconciliation certificate with this serial that the viewer may see. */
export class ReconciliationCertificateNotFoundError extends DomainError {
  readonly code = 'reconciliation-certificate-not-found';
  constructor(readonly serial: string) {
    super(`No reconciliation certificate with serial ${serial}.`);
  }
}

/** The day has both sides or one, but no statement yet: there is nothing to sign off. */
export class StatementNotDraftedError extends DomainError {
  readonly code = 'statement-not-drafted';
  constructor(readonly businessDate: string) {
    super(`The statement for ${businessDate} is not drafted yet: it is drafted once both banks' statements are committed.`);
  }
}

/** This party already signed the day's statement off; a sign-off is never replaced. */
export class StatementAlreadySignedOffError extends DomainError {
  readonly code = 'statement-already-signed-off';
  constructor(
    readonly businessDate: string,
    readonly party: 'A' | 'B',
  ) {
    super(`Bank ${party} already signed off the statement for ${businessDate}; a sign-off is final.`);
  }
}

/** The bank has no registered sign-off address, so no signature of it can be checked. */
export class SignOffKeyNotRegisteredError extends DomainError {
  readonly code = 'sign-off-key-not-registered';
  constructor(readonly organizationName: string) {
    super(`${organizationName} has no registered sign-off key; the consortium operator registers its address (npm run organization:sign-off-key).`);
  }
}

/** The chain has no ReconciliationAnchor recorded yet, so no sign-off domain exists (start-up deploys it). */
export class ReconciliationAnchorUnavailableError extends DomainError {
  readonly code = 'reconciliation-anchor-unavailable';
  constructor() {
    super('No ReconciliationAnchor is recorded for the chain yet; sign-off opens once the platform has started on its chain.');
  }
}

/** The request body's Content-Type is not one the endpoint reads. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'unsupported-media-type';
}

/** No break or rule violation with this key on this bank's side of the day: nothing to disclose. */
export class ReconciliationRecordNotFoundError extends DomainError {
  readonly code = 'reconciliation-record-not-found';
  constructor(
    readonly businessDate: string,
    readonly bank: 'A' | 'B',
  ) {
    super(`Bank ${bank}'s side of ${businessDate} has no break or rule violation with this key.`);
  }
}

/** No disclosure request with this id addressed to the viewer's bank (or made by the viewer's regulator). */
export class DisclosureRequestNotFoundError extends DomainError {
  readonly code = 'disclosure-request-not-found';
  constructor(readonly requestId: string) {
    super(`No disclosure request with id ${requestId}.`);
  }
}

/** The record's disclosure was already requested and not answered yet, or the request was already answered. */
export class DisclosureRequestConflictError extends DomainError {
  readonly code = 'disclosure-request-conflict';
}
