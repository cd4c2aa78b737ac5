// The API key format, `evk_<prefix>_<secret>`: `evk_` says what it is (and lets secret scanners
// find leaked keys), the 8-character prefix is how people and the database tell keys apart, and the
// secret is 32 random bytes in base64url. Only SHA-256 of the whole key is stored: with 256 bits of
// randomness a fast hash is as safe as a slow one, and it keeps authentication cheap.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const API_KEY_PREFIX_LENGTH = 8;
const API_KEY_PATTERN = /^evk_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  /** The full key; shown to its owner once, never stored. */
  plaintext: string;
  prefix: string;
  /** Lowercase hex SHA-256 of `plaintext`. */
  secretHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomPrefix();
  const plaintext = `evk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { plaintext, prefix, secretHash: hashApiKey(plaintext) };
}

/** The prefix of a well-formed key, or null when the string is not an Evident API key. */
export function parseApiKeyPrefix(key: string): string | null {
  return API_KEY_PATTERN.exec(key)?.[1] ?? null;
}

export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

/** Compares in constant time, so response timing says nothing about how much of a guess was right. */
export function apiKeyMatchesHash(plaintext: string, secretHash: string): boolean {
  const expected = Buffer.from(secretHash, 'hex');
  const actual = createHash('sha256').update(plaintext, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

// Rejection sampling keeps every character equally likely (256 is not a multiple of 36).
function randomPrefix(): string {
  let prefix = '';
  while (prefix.length < API_KEY_PREFIX_LENGTH) {
    for (const byte of randomBytes(API_KEY_PREFIX_LENGTH * 2)) {
      if (byte < 252 && prefix.length < API_KEY_PREFIX_LENGTH) prefix += PREFIX_ALPHABET[byte % 36];
    }
  }
  return prefix;
}
