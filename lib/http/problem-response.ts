// Maps errors to RFC 9457 problem+json responses, in one place. Domain errors carry their own
// message; anything unexpected is logged and answered with a generic 500 without internals.
import {
  CertificateAlreadyRevokedError,
  CertificateNotFoundError,
  DomainError,
  EvidenceNotAnchoredError,
  EvidenceNotFoundError,
  HashMismatchError,
  InvalidRequestError,
  InvalidUploadError,
  UploadTooLargeError,
} from '../errors';

const STATUS_BY_ERROR = new Map<Function, number>([
  [InvalidUploadError, 400],
  [InvalidRequestError, 400],
  [HashMismatchError, 400],
  [EvidenceNotFoundError, 404],
  [EvidenceNotAnchoredError, 409],
  [CertificateNotFoundError, 404],
  [CertificateAlreadyRevokedError, 409],
  [UploadTooLargeError, 413],
]);

const TITLES: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  502: 'Bad gateway',
  503: 'Service unavailable',
  500: 'Internal server error',
};

export function problem(status: number, detail: string, extra: Record<string, unknown> = {}): Response {
  return Response.json(
    { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extra },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

export function problemResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    const status = STATUS_BY_ERROR.get(error.constructor) ?? 400;
    return problem(status, error.message, { code: error.code });
  }
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
