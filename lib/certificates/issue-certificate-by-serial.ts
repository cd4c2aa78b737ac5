// The certificate a serial number names (the QR code on a PDF links to it).
import type { PrismaClient } from '../db/client';
import { CertificateNotFoundError } from '../errors';
import type { Certificate } from './certificate-schema';
import { issueCertificate } from './issue-certificate';
import type { Issuer } from './load-issuer';

export async function issueCertificateBySerial({
  prisma,
  serial,
  issuer,
}: {
  prisma: PrismaClient;
  serial: string;
  issuer: Issuer;
}): Promise<Certificate> {
  const record = await prisma.certificate.findUnique({ where: { serial }, select: { evidenceId: true } });
  if (!record) throw new CertificateNotFoundError(serial);
  return issueCertificate({ prisma, evidenceId: record.evidenceId, issuer });
}
