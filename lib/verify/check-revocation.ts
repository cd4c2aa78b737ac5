// Has the issuer withdrawn the certificate since issuing it? Only the issuer knows, so this check needs
// an online lookup; offline it is skipped, never passed.
import type { Certificate } from '../certificates/certificate-schema';
import type { RevocationLookup } from './revocation-status';
import type { VerificationCheck } from './verification-report';

const ID = 'revocation';

export async function checkRevocation(certificate: Certificate, revocation?: RevocationLookup): Promise<VerificationCheck> {
  const { serial } = certificate;
  if (!revocation) {
    return { id: ID, status: 'skipped', message: 'Offline verification cannot see revocations; check the serial online.' };
  }
  let status: Awaited<ReturnType<RevocationLookup>>;
  try {
    status = await revocation(serial);
  } catch (error) {
    return { id: ID, status: 'fail', message: `Could not check revocation: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof status !== 'object' || status === null || typeof status.revoked !== 'boolean') {
    return { id: ID, status: 'fail', message: 'Could not check revocation: the lookup gave no revoked: true/false answer.' };
  }
  if (status.revoked) {
    const reason = typeof status.reason === 'string' && status.reason ? status.reason : undefined;
    const revokedAt = typeof status.revokedAt === 'string' && status.revokedAt ? status.revokedAt : undefined;
    return {
      id: ID,
      status: 'fail',
      message: `The issuer revoked certificate ${serial} at ${revokedAt ?? 'an unknown time'}: ${reason ?? 'no reason given'}.`,
      details: { serial, ...(reason ? { reason } : {}), ...(revokedAt ? { revokedAt } : {}) },
    };
  }
  return { id: ID, status: 'pass', message: `The issuer reports certificate ${serial} as not revoked.`, details: { serial } };
}
