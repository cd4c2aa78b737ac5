// A certificate's revocation status, as the online verify path reports it.
import type { PrismaClient } from '../db/client';
import { CertificateNotFoundError } from '../errors';

import type { RevocationStatus } from '../verify/revocation-status';

export async function getCertificateStatus({ prisma, serial }: { prisma: PrismaClient; serial: string }): Promise<RevocationStatus> {
  const record = await prisma.certificate.findUnique({ where: { serial } });
  if (!record) throw new CertificateNotFoundError(serial);
  return record.revokedAt
    ? { serial, revoked: true, reason: record.revocationReason ?? undefined, revokedAt: record.revokedAt.toISOString() }
    : { serial, revoked: false };
}
