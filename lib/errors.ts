// Domain errors raised by lib/ services. Each names what went wrong for the user; lib/http maps
// them to HTTP status codes in one place, so no route handler decides status codes itself.

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

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

export class CertificateAlreadyRevokedError extends DomainError {
  readonly code = 'certificate-already-revoked';
  constructor(readonly serial: string) {
    super(`Certificate ${serial} is already revoked.`);
  }
}
