// The server side of POST /api/v1/verify: runs the shared verification library against this
// deployment's chain node, its published issuer, and its revocation records. Verification goes to
// the chain, not to the evidence tables.
import type { PrismaClient } from '../db/client';
import { createAnchorLookup } from '../proof/create-anchor-lookup';
import { CertificateNotFoundError } from '../errors';
import { verifyCertificate } from '../proof/verify-certificate';
import type { VerificationReport } from '../proof/verification-report';
import { getCertificateStatus } from './certificate-status';

export async function verifySubmittedCertificate({
  prisma,
  certificate,
  fileSha256,
  chainRpcUrl,
  issuerAddress,
  trustedTsaRoots,
}: {
  prisma: PrismaClient;
  certificate: unknown;
  fileSha256?: Uint8Array;
  chainRpcUrl?: string;
  issuerAddress: string;
  /** The TSA roots this deployment trusts (lib/timestamps/load-trusted-tsa-roots.ts). */
  trustedTsaRoots?: Uint8Array[];
}): Promise<VerificationReport> {
  const chain = chainRpcUrl ? createAnchorLookup({ rpcUrl: chainRpcUrl }) : undefined;
  try {
    return await verifyCertificate({
      certificate,
      fileSha256,
      chain,
      trustedIssuers: [issuerAddress],
      trustedTsaRoots,
      revocation: async (serial) => {
        try {
          return await getCertificateStatus({ prisma, serial });
        } catch (error) {
          if (error instanceof CertificateNotFoundError) {
            return { revoked: true, reason: 'This platform never issued a certificate with this serial.' };
          }
          throw error;
        }
      },
    });
  } finally {
    chain?.close();
  }
}
