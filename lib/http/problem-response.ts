// Maps errors to RFC 9457 problem+json responses, in one place. Domain errors carry their own
// message; a database that is down is a 503 to retry (logged once per interval, not per request);
// anything else unexpected is logged and answered with a generic 500 without internals.
import { InvalidReconciliationArgumentError, InvalidSignOffSignatureError } from '../reconciliation/reconciliation-anchor-errors';
import { isDatabaseUnavailable } from '../db/is-database-unavailable';
import type { StatementIssue } from '../reconciliation/statement-reader';
import { reportDatabaseUnavailable } from '../db/report-database-unavailable';
import {
  ApiKeyNotFoundError,
  OrganizationNotFoundError,
  BatchNotFoundError,
  CertificateAlreadyRevokedError,
  CertificateNotFoundError,
  CertificateSupersededError,
  DomainError,
  CaseNotFoundError,
  CaseNotVerifiedError,
  DatabaseUnavailableError,
  OriginalFileNotStoredError,
  StoredFileHashMismatchError,
  EvidenceNotAnchoredError,
  FieldErrorsError,
  ForbiddenError,
  InvalidCaseTransitionError,
  ReportNotFoundError,
  ResumableUploadNotFoundError,
  EvidenceNotFoundError,
  HashMismatchError,
  IdempotencyKeyReusedError,
  InvalidItemsError,
  InvalidRequestError,
  InvalidUploadError,
  RateLimitedError,
  RequestAbortedError,
  StorageFullError,
  RequestTooLargeError,
  SameNameBorrowerError,
  UnauthorizedError,
  UploadTooLargeError,
  BusinessDateNotAllowedError,
  ReconciliationDayNotFoundError,
  ReconciliationPairNotFoundError,
  SideAlreadyCommittedError,
  StatementCutOffPassedError,
  StatementNotDraftedError,
  ReconciliationBreakNotFoundError,
  CaseClosedToAdditionsError,
  ReconciliationKeySecretMissingError,
  ReconciliationCertificateNotFoundError,
  StatementAlreadySignedOffError,
  SignOffKeyNotRegisteredError,
  ReconciliationAnchorUnavailableError,
  UnsupportedMediaTypeError,
  ReconciliationRecordNotFoundError,
  DisclosureRequestNotFoundError,
  DisclosureRequestConflictError,
  BlindOpeningRefusedError,
} from '../errors';

const STATUS_BY_ERROR = new Map<Function, number>([
  [InvalidUploadError, 400],
  [InvalidRequestError, 400],
  [InvalidItemsError, 400],
  [HashMismatchError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [CaseNotFoundError, 404],
  [ReportNotFoundError, 404],
  [FieldErrorsError, 400],
  [InvalidCaseTransitionError, 409],
  [SameNameBorrowerError, 409],
  [CaseNotVerifiedError, 409],
  [StoredFileHashMismatchError, 409],
  [OriginalFileNotStoredError, 404],
  [EvidenceNotFoundError, 404],
  [ResumableUploadNotFoundError, 404],
  [BatchNotFoundError, 404],
  [ApiKeyNotFoundError, 404],
  [OrganizationNotFoundError, 404],
  [EvidenceNotAnchoredError, 409],
  [CertificateNotFoundError, 404],
  [CertificateAlreadyRevokedError, 409],
  [CertificateSupersededError, 410],
  [UploadTooLargeError, 413],
  [RequestTooLargeError, 413],
  [IdempotencyKeyReusedError, 422],
  [RateLimitedError, 429],
  [RequestAbortedError, 400],
  [StorageFullError, 507],
  [ReconciliationPairNotFoundError, 404],
  [ReconciliationDayNotFoundError, 404],
  [BusinessDateNotAllowedError, 422],
  [StatementCutOffPassedError, 409],
  [SideAlreadyCommittedError, 409],
  [UnsupportedMediaTypeError, 415],
  [StatementNotDraftedError, 409],
  [ReconciliationBreakNotFoundError, 404],
  [CaseClosedToAdditionsError, 409],
  [ReconciliationKeySecretMissingError, 503],
  [ReconciliationCertificateNotFoundError, 404],
  [StatementAlreadySignedOffError, 409],
  [SignOffKeyNotRegisteredError, 409],
  [InvalidSignOffSignatureError, 422],
  [InvalidReconciliationArgumentError, 422],
  [ReconciliationAnchorUnavailableError, 503],
  [BlindOpeningRefusedError, 422],
  [DatabaseUnavailableError, 503],
  [ReconciliationRecordNotFoundError, 404],
  [DisclosureRequestNotFoundError, 404],
  [DisclosureRequestConflictError, 409],
]);

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  502: 'Bad gateway',
  504: 'Gateway timeout',
  503: 'Service unavailable',
  507: 'Insufficient storage',
  500: 'Internal server error',
};

/** Domain errors raised where importing their class here would pull a Node-heavy module into every
 * route (the reconciliation engine's StatementRejectedError, lib/reconciliation/statement-rejected-error.ts). */
const STATUS_BY_CODE = new Map<string, number>([['statement-rejected', 422]]);

/** A refused statement reports at most this many issues in its problem response. */
const MAX_REPORTED_STATEMENT_ISSUES = 100;

export function problem(
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extra },
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );
}

/** The HTTP status a domain error stands for; pages use it too (app/_components/or-error-page.ts). */
export function statusOfDomainError(error: DomainError): number {
  return STATUS_BY_ERROR.get(error.constructor) ?? STATUS_BY_CODE.get(error.code) ?? 400;
}

export function problemResponse(error: unknown): Response {
  // A client that resets the connection mid-body surfaces as a stream error from Node or undici
  // (checked first: a bare ECONNRESET from pg is the database's, and handled below).
  if (!(error instanceof DomainError) && isClientAbort(error)) return problemResponse(new RequestAbortedError());
  if (!(error instanceof DomainError) && isDatabaseUnavailable(error)) {
    reportDatabaseUnavailable(error);
    return problemResponse(new DatabaseUnavailableError());
  }
  if (error instanceof DomainError) {
    const status = statusOfDomainError(error);
    const extra: Record<string, unknown> = { code: error.code };
    const headers: Record<string, string> = {};
    if (error instanceof InvalidItemsError) {
      extra.errors = error.errors;
      extra.errorCount = error.errorCount;
    }
    if (error instanceof FieldErrorsError) extra.fieldErrors = error.fieldErrors;
    if (error.code === 'statement-rejected') {
      // The first issues by line and field, so the bank can fix its file; nothing of it was kept.
      const rejected = error as DomainError & { issues: StatementIssue[]; issueCount: number };
      extra.issues = rejected.issues.slice(0, MAX_REPORTED_STATEMENT_ISSUES);
      extra.issueCount = rejected.issueCount;
    }
    if (error instanceof BusinessDateNotAllowedError) extra.reason = error.reason;
    if (error instanceof SameNameBorrowerError) extra.existingBorrowers = error.existing;
    if (error instanceof StoredFileHashMismatchError) {
      extra.evidenceId = error.evidenceId;
      extra.expectedSha256 = error.expectedSha256;
      extra.actualSha256 = error.actualSha256;
    }
    // RFC 6750: a 401 names the scheme the client should use.
    if (error instanceof UnauthorizedError) headers['www-authenticate'] = 'Bearer realm="evident"';
    if (error instanceof RateLimitedError || error instanceof DatabaseUnavailableError) {
      headers['retry-after'] = String(error.retryAfterSeconds);
    }
    return problem(status, error.message, extra, headers);
  }
  // A full disk or quota (ENOSPC, EDQUOT) while storing: the upload's temporary file is already gone.
  if (hasCode(error, ['ENOSPC', 'EDQUOT'])) return problemResponse(new StorageFullError());
  console.error('[evident] unexpected error', error);
  return problem(500, 'Something went wrong on our side. The request was not completed.');
}

/** Wraps a route handler so every thrown error becomes a problem response. */
export function handleErrors<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return problemResponse(error);
    }
  };
}

function isClientAbort(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    // Node's IncomingMessage reports a client that went away as Error('aborted') with code ECONNRESET.
    if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'UND_ERR_ABORTED' || current.message === 'aborted') return true;
  }
  return false;
}

function hasCode(error: unknown, codes: string[]): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    if (codes.includes((current as { code?: string }).code ?? '')) return true;
  }
  return false;
}
