// A certificate's revocation status, as the online verify path reports it: revoked, and superseded
// by a newer certificate of the same item when the item was anchored again.
import type { PrismaClient } from '../db/client';
import { CertificateNotFoundError } from '../errors';

import { CERTIFICATE_SERIAL_PATTERN } from '../proof/certificate-schema';
import type { RevocationStatus } from '../proof/revocation-status';

export async function getCertificateStatus({ prisma, serial }: { prisma: PrismaClient; serial: string }): Promise<RevocationStatus> {
  // Only a well-formed serial reaches the database (a NUL in the path was a 500 from PostgreSQL).
  if (!CERTIFICATE_SERIAL_PATTERN.test(serial)) throw new CertificateNotFoundError(serial);
  const record = await prisma.certificate.findUnique({ where: { serial } });
  if (!record) throw new CertificateNotFoundError(serial);
  return {
    serial,
    revoked: record.revokedAt !== null,
    ...(record.revokedAt ? { reason: record.revocationReason ?? undefined, revokedAt: record.revokedAt.toISOString() } : {}),
    ...(record.supersededBy
      ? { superseded: true, supersededBy: record.supersededBy, supersededAt: record.supersededAt?.toISOString() }
      : {}),
  };
}
