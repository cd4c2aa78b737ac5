// The objections hash of a disputed sign-off (§11.2): SHA-256 of the objections text's UTF-8 bytes,
// exactly as the bank wrote it (no trimming, no Unicode normalization), so that the bank's own copy
// of its text is what a third party hashes to check it. Browser-safe.
import { sha256 } from '@noble/hashes/sha2.js';
import { InvalidReconciliationArgumentError } from './reconciliation-anchor-errors';

export function hashObjections(text: string): Uint8Array {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new InvalidReconciliationArgumentError('objections', 'must be a non-empty text saying what the bank disputes: a dispute without objections cannot be signed');
  }
  return sha256(new TextEncoder().encode(text));
}
