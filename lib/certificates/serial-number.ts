// Certificate serial numbers: 'EVD' and four groups of four Crockford base32 characters (80 random
// bits), short enough to read aloud and print, unambiguous (no I, L, O, U). The format is
// CERTIFICATE_SERIAL_PATTERN in certificate-schema.ts.
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newSerialNumber(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let chars = '';
  for (let i = 15; i >= 0; i--) chars += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `EVD-${chars.match(/.{4}/g)!.join('-')}`;
}
