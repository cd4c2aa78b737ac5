// Revokes a certificate (for example, issued in error). The record stays; verifiers that ask
// online see the reason and time. Revoking twice is refused rather than overwriting the first reason.
import type { PrismaClient } from '../db/client';
import { CertificateAlreadyRevokedError, CertificateNotFoundError, InvalidRequestError } from '../errors';
import type { RevocationStatus } from '../verify/revocation-status';

export async function revokeCertificate({
  prisma,
  serial,
  reason,
}: {
  prisma: PrismaClient;
  serial: string;
  reason: string;
}): Promise<RevocationStatus> {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > 500) {
    throw new InvalidRequestError('A revocation needs a reason of 1 to 500 characters.');
  }
  const revokedAt = new Date();
  const { count } = await prisma.certificate.updateMany({
    where: { serial, revokedAt: null },
    data: { revokedAt, revocationReason: trimmed },
  });
  if (count === 0) {
    const exists = await prisma.certificate.findUnique({ where: { serial }, select: { serial: true } });
    throw exists ? new CertificateAlreadyRevokedError(serial) : new CertificateNotFoundError(serial);
  }
  return { serial, revoked: true, reason: trimmed, revokedAt: revokedAt.toISOString() };
}
