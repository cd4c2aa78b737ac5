// Hex is how bytes cross the edges (JSON, URLs, UI): always 0x-prefixed, emitted lowercase. The core
// works on Uint8Array only; these two functions are the border crossing. No Buffer, so the browser
// verifier uses the same code as the server.
import { DomainError } from './domain-error';

export type InvalidHexReason = 'not-a-string' | 'missing-prefix' | 'odd-length' | 'invalid-character' | 'wrong-length';

export class InvalidHexError extends DomainError {
  readonly code = 'invalid-hex';
  constructor(
    readonly reason: InvalidHexReason,
    message: string,
  ) {
    super(message);
  }
}

// One two-digit string per byte value: half the string work of a digit per nibble, which the bulk
// ingest path (a hash per record) notices.
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '0x';
  for (let i = 0; i < bytes.length; i++) out += BYTE_HEX[bytes[i]];
  return out;
}

/**
 * Parses 0x-prefixed hex. Upper-case digits are accepted because people paste digests from tools that
 * print them that way; what we emit (toHex) and what certificates must contain is lowercase.
 */
export function fromHex(hex: string, expectedBytes?: number): Uint8Array {
  if (typeof hex !== 'string') {
    throw new InvalidHexError('not-a-string', `Expected a 0x-prefixed hex string, got ${typeof hex}.`);
  }
  if (!hex.startsWith('0x')) {
    throw new InvalidHexError('missing-prefix', `Hex ${quote(hex)} must start with "0x".`);
  }
  const digits = hex.slice(2);
  const badAt = digits.search(/[^0-9a-fA-F]/);
  if (badAt !== -1) {
    throw new InvalidHexError(
      'invalid-character',
      `Hex ${quote(hex)} has a non-hex character ${JSON.stringify(digits[badAt])} at position ${badAt + 2}.`,
    );
  }
  if (digits.length % 2 !== 0) {
    throw new InvalidHexError('odd-length', `Hex ${quote(hex)} has an odd number of digits (${digits.length}).`);
  }
  const length = digits.length / 2;
  if (expectedBytes !== undefined && length !== expectedBytes) {
    throw new InvalidHexError('wrong-length', `Hex ${quote(hex)} is ${length} bytes long; expected ${expectedBytes}.`);
  }
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

// Keeps error messages readable when someone pastes a whole file where a digest was expected.
function quote(hex: string): string {
  return JSON.stringify(hex.length > 80 ? `${hex.slice(0, 77)}...` : hex);
}
