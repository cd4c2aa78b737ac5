// A pair key P (docs/reconciliation-format.md §3) at rest: AES-256-GCM under a key derived (HKDF) from
// the deployment's RECONCILIATION_KEY_SECRET, with the pair's id as associated data, so a stored key
// copied onto another pair's row does not open. A leaked table alone reveals no pair key. Stored form:
// version byte 0x01 ‖ 12-byte nonce ‖ 32-byte ciphertext ‖ 16-byte tag. Node-only.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from '../config';
import { ReconciliationKeySecretMissingError } from '../errors';
import { PAIR_KEY_LENGTH } from './derive-pair-keys';

const VERSION = 0x01;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
const INFO = 'evident/reconciliation/v1/pair-key-encryption';

/** The configured RECONCILIATION_KEY_SECRET, or a 503 (ReconciliationKeySecretMissingError). */
export function reconciliationKeySecretOf(config: Pick<Config, 'reconciliationKeySecret'>): string {
  if (!config.reconciliationKeySecret) throw new ReconciliationKeySecretMissingError();
  return config.reconciliationKeySecret;
}

function encryptionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), INFO, 32));
}

export function encryptPairKey({ pairKey, pairId, secret }: { pairKey: Uint8Array; pairId: string; secret: string }): Uint8Array {
  if (pairKey.length !== PAIR_KEY_LENGTH) throw new RangeError(`A pair key is ${PAIR_KEY_LENGTH} bytes, got ${pairKey.length}.`);
  const nonce = randomBytes(NONCE_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(secret), nonce, { authTagLength: TAG_LENGTH });
  cipher.setAAD(Buffer.from(pairId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(pairKey), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.of(VERSION), nonce, ciphertext, cipher.getAuthTag()]));
}

/** Throws when the stored bytes were not made by encryptPairKey for this pair under this secret. */
export function decryptPairKey({ encrypted, pairId, secret }: { encrypted: Uint8Array; pairId: string; secret: string }): Uint8Array {
  const bytes = Buffer.from(encrypted);
  if (bytes.length !== 1 + NONCE_LENGTH + PAIR_KEY_LENGTH + TAG_LENGTH || bytes[0] !== VERSION) {
    throw new Error(`The stored key of pair ${pairId} is not in a known form.`);
  }
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(secret), bytes.subarray(1, 1 + NONCE_LENGTH), { authTagLength: TAG_LENGTH });
  decipher.setAAD(Buffer.from(pairId, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_LENGTH));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(1 + NONCE_LENGTH, bytes.length - TAG_LENGTH)), decipher.final()]));
  } catch {
    // Never the key or the secret in the message: only which pair.
    throw new Error(`The stored key of pair ${pairId} does not open with RECONCILIATION_KEY_SECRET (changed since the pair was created?).`);
  }
}
