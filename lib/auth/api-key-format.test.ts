import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeyMatchesHash, generateApiKey, hashApiKey, parseApiKeyPrefix } from './api-key-format';

describe('API keys', () => {
  it('look like evk_<8-char prefix>_<32 random bytes in base64url>', () => {
    const { plaintext, prefix } = generateApiKey();
    expect(plaintext).toMatch(/^evk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(plaintext.startsWith(`evk_${prefix}_`)).toBe(true);
    expect(Buffer.from(plaintext.slice(13), 'base64url')).toHaveLength(32);
  });

  it('are different every time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().plaintext));
    expect(keys.size).toBe(200);
  });

  it('are stored as the lowercase hex SHA-256 of the whole key', () => {
    const { plaintext, secretHash } = generateApiKey();
    expect(secretHash).toBe(createHash('sha256').update(plaintext).digest('hex'));
    expect(hashApiKey(plaintext)).toBe(secretHash);
  });

  it('verify against their hash, and nothing else does', () => {
    const { plaintext, secretHash } = generateApiKey();
    expect(apiKeyMatchesHash(plaintext, secretHash)).toBe(true);
    const last = plaintext.at(-1) === 'A' ? 'B' : 'A';
    expect(apiKeyMatchesHash(plaintext.slice(0, -1) + last, secretHash)).toBe(false);
    expect(apiKeyMatchesHash(generateApiKey().plaintext, secretHash)).toBe(false);
    expect(apiKeyMatchesHash(plaintext, 'not-a-hash')).toBe(false);
  });

  it('yield their prefix only when well-formed', () => {
    const { plaintext, prefix } = generateApiKey();
    expect(parseApiKeyPrefix(plaintext)).toBe(prefix);
    for (const bad of ['', 'evk_', `evk_${prefix}`, plaintext.slice(0, -1), `${plaintext}x`, plaintext.replace('evk_', 'sk_'), `Bearer ${plaintext}`]) {
      expect(parseApiKeyPrefix(bad)).toBeNull();
    }
  });
});
