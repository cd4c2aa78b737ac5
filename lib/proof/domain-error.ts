// The base of every domain error. It lives in the proof core so that the browser-safe verifier and
// the server share one error type; lib/errors.ts re-exports it for the rest of lib/.

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
