// Revocation is an online question: the issuer answers it at GET /api/v1/certificates/{serial}/status
// (docs/proof-format.md section 10). The route producing the answer and the verifiers reading it share
// this schema.
import { z } from 'zod';
import { CERTIFICATE_SERIAL_PATTERN } from './certificate-schema';

// Not strict: a later server may add fields, and an older verifier should still read the answer.
export const revocationStatusSchema = z.object({
  serial: z.string().regex(CERTIFICATE_SERIAL_PATTERN),
  revoked: z.boolean(),
  reason: z.string().optional(),
  revokedAt: z.iso.datetime({ offset: true }).optional(),
  /** The item was anchored again and has a newer certificate, supersededBy; this one names an anchor that no longer counts. */
  superseded: z.boolean().optional(),
  supersededBy: z.string().regex(CERTIFICATE_SERIAL_PATTERN).optional(),
  supersededAt: z.iso.datetime({ offset: true }).optional(),
});

export type RevocationStatus = z.infer<typeof revocationStatusSchema>;

/** Asks the issuer whether a serial is revoked. It may throw (network, unknown serial); the check reports that. */
export type RevocationLookup = (serial: string) => Promise<{
  revoked: boolean;
  reason?: string;
  revokedAt?: string;
  superseded?: boolean;
  supersededBy?: string;
  supersededAt?: string;
}>;

export function revocationStatusPath(serial: string): string {
  return `/api/v1/certificates/${encodeURIComponent(serial)}/status`;
}
