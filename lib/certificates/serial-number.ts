// Certificate serial numbers: 'EVD' and four groups of four Crockford base32 characters (80 random
// bits), short enough to read aloud and print, unambiguous (no I, L, O, U). The format is
// CERTIFICATE_SERIAL_PATTERN in certificate-schema.ts. Reconciliation certificates use 'EVR'
// (RECONCILIATION_SERIAL_PATTERN), so a serial names its kind of certificate.
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newSerialNumber(prefix: 'EVD' | 'EVR' = 'EVD'): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let chars = '';
  for (let i = 15; i >= 0; i--) chars += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${prefix}-${chars.match(/.{4}/g)!.join('-')}`;
}
