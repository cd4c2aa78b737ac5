// Has the issuer withdrawn the certificate since issuing it? Only the issuer knows, so this check needs
// an online lookup; offline it is skipped, never passed.
import type { Certificate } from './certificate-schema';
import type { RevocationLookup } from './revocation-status';
import type { VerificationCheck } from './verification-report';

const ID = 'revocation';

export async function checkRevocation(certificate: Certificate, revocation?: RevocationLookup): Promise<VerificationCheck> {
  const { serial } = certificate;
  if (!revocation) {
    return {
      id: ID,
      status: 'skipped',
      code: 'revocation.offline',
      message: 'Offline verification cannot see revocations; check the serial online.',
    };
  }
  let status: Awaited<ReturnType<RevocationLookup>>;
  try {
    status = await revocation(serial);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { id: ID, status: 'fail', code: 'revocation.lookup-failed', message: `Could not check revocation: ${reason}`, params: { reason } };
  }
  if (typeof status !== 'object' || status === null || typeof status.revoked !== 'boolean') {
    return {
      id: ID,
      status: 'fail',
      code: 'revocation.no-answer',
      message: 'Could not check revocation: the lookup gave no revoked: true/false answer.',
    };
  }
  if (status.revoked) {
    const reason = typeof status.reason === 'string' && status.reason ? status.reason : undefined;
    const revokedAt = typeof status.revokedAt === 'string' && status.revokedAt ? status.revokedAt : undefined;
    const details = { serial, ...(reason ? { reason } : {}), ...(revokedAt ? { revokedAt } : {}) };
    return {
      id: ID,
      status: 'fail',
      code: 'revocation.revoked',
      message: `The issuer revoked certificate ${serial} at ${revokedAt ?? 'an unknown time'}: ${reason ?? 'no reason given'}.`,
      params: details,
      details,
    };
  }
  if (status.superseded === true) {
    const supersededBy = typeof status.supersededBy === 'string' && status.supersededBy ? status.supersededBy : undefined;
    const supersededAt = typeof status.supersededAt === 'string' && status.supersededAt ? status.supersededAt : undefined;
    const details = { serial, ...(supersededBy ? { supersededBy } : {}), ...(supersededAt ? { supersededAt } : {}) };
    return {
      id: ID,
      status: 'fail',
      code: 'revocation.superseded',
      message:
        `The issuer superseded certificate ${serial} with certificate ${supersededBy ?? '(not named)'} at ` +
        `${supersededAt ?? 'an unknown time'}: the item was anchored again; use the new certificate.`,
      params: details,
      details,
    };
  }
  return {
    id: ID,
    status: 'pass',
    code: 'revocation.not-revoked',
    message: `The issuer reports certificate ${serial} as not revoked.`,
    params: { serial },
    details: { serial },
  };
}
