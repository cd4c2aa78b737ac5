// Revokes a certificate (for example, issued in error). The record stays; verifiers that ask
// online see the reason and time. Revoking twice is refused rather than overwriting the first reason.
import { appendAuditEntry, SYSTEM_ACTOR, type AuditActor } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import { CertificateAlreadyRevokedError, CertificateNotFoundError, InvalidRequestError } from '../errors';
import type { RevocationStatus } from '../proof/revocation-status';

export async function revokeCertificate({
  prisma,
  serial,
  reason,
  actor = SYSTEM_ACTOR,
}: {
  prisma: PrismaClient;
  serial: string;
  reason: string;
  /** Who revokes, for the audit log; the system when not given. */
  actor?: AuditActor;
}): Promise<RevocationStatus> {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > 500) {
    throw new InvalidRequestError('A revocation needs a reason of 1 to 500 characters.');
  }
  const revokedAt = new Date();
  const count = await prisma.$transaction(async (tx) => {
    const { count } = await tx.certificate.updateMany({
      where: { serial, revokedAt: null },
      data: { revokedAt, revocationReason: trimmed },
    });
    if (count > 0) {
      await appendAuditEntry(tx, {
        actor,
        action: 'certificate.revoke',
        targetType: 'certificate',
        targetId: serial,
        details: { reason: trimmed },
      });
    }
    return count;
  });
  if (count === 0) {
    const exists = await prisma.certificate.findUnique({ where: { serial }, select: { serial: true } });
    throw exists ? new CertificateAlreadyRevokedError(serial) : new CertificateNotFoundError(serial);
  }
  return { serial, revoked: true, reason: trimmed, revokedAt: revokedAt.toISOString() };
}
