// A borrower's national ID number is never stored: only HMAC-SHA256 under the deployment's secret
// salt (BORROWER_ID_SALT), so a leaked table cannot be reversed by enumerating ID numbers, while a
// lender naming the same person again still finds the same borrower.
import { createHmac } from 'node:crypto';

export function normalizeIdNumber(idNumber: string): string {
  return idNumber.replace(/\s+/g, '').toUpperCase();
}

export function hashIdNumber(idNumber: string, salt: string): Uint8Array {
  return createHmac('sha256', salt).update(normalizeIdNumber(idNumber), 'utf8').digest();
}
