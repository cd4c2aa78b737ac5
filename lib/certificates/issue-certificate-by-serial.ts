// The certificate a serial number names (the QR code on a PDF links to it).
import type { PrismaClient } from '../db/client';
import { CertificateNotFoundError, CertificateSupersededError } from '../errors';
import type { Certificate } from '../proof/certificate-schema';
import { issueCertificate } from './issue-certificate';
import { CERTIFICATE_SERIAL_PATTERN } from '../proof/certificate-schema';
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
  // Only a well-formed serial reaches the database (a NUL in the path was a 500 from PostgreSQL).
  if (!CERTIFICATE_SERIAL_PATTERN.test(serial)) throw new CertificateNotFoundError(serial);
  const record = await prisma.certificate.findUnique({ where: { serial }, select: { evidenceId: true, supersededBy: true } });
  if (!record) throw new CertificateNotFoundError(serial);
  // Its anchor no longer counts, and the serial never names a document with other anchor data.
  if (record.supersededBy) throw new CertificateSupersededError(serial, record.supersededBy);
  const certificate = await issueCertificate({ prisma, evidenceId: record.evidenceId, issuer });
  // Anchored again since the lookup above: this serial's anchor no longer counts.
  if (certificate.serial !== serial) throw new CertificateSupersededError(serial, certificate.serial);
  return certificate;
}
