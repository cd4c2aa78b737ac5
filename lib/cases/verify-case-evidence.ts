// "Verify all": every item of a case's evidence package is checked the way an outside verifier
// would check it, against the chain rather than the database. For each item a signed certificate is
// issued (or re-issued), the stored original is re-hashed from disk, and the shared lib/proof checks
// run with the anchor read from the chain contract over JSON-RPC. The report (who, when, each item's
// checks) and its audit entry commit together. Reconciliation certificates added to the case are
// checked beside the items, against the chain too (verify-reconciliation-certificates.ts).
import { randomUUID } from 'node:crypto';
import { authorize, casesVisibleTo } from '../auth/authorize';
import { auditActorOf, type Viewer } from '../auth/viewer';
import { appendAuditEntry } from '../audit/append-audit-entry';
import { getCertificateStatus } from '../certificates/certificate-status';
import { issueCertificate } from '../certificates/issue-certificate';
import type { Issuer } from '../certificates/load-issuer';
import { createAnchorLookup, type ClosableAnchorLookup } from '../proof/create-anchor-lookup';
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { CaseNotFoundError, EvidenceNotAnchoredError } from '../errors';
import { toHex } from '../proof/hex';
import { isUuid } from '../ids';
import { verifyCertificate } from '../proof/verify-certificate';
import type { ItemVerification, ReconciliationVerification } from './case-schemas';
import { hashStoredFile } from './hash-stored-file';
import { verifyReconciliationCertificates } from './verify-reconciliation-certificates';

export interface CaseVerificationOutcome {
  reportId: string;
  passed: boolean;
  itemCount: number;
  failedCount: number;
  results: ItemVerification[];
  reconciliation: ReconciliationVerification[];
}

export async function verifyCaseEvidence({
  prisma,
  viewer,
  caseId,
  issuer,
  chainRpcUrl,
  storageDir,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  caseId: string;
  issuer: Issuer;
  /** The chain node to read anchors from; required, because a check without the chain proves nothing. */
  chainRpcUrl: string;
  storageDir: string;
}): Promise<CaseVerificationOutcome> {
  authorize(viewer, 'case.review');
  if (viewer.kind !== 'staff') throw new Error('authorize(case.review) admits staff only');
  if (!isUuid(caseId)) throw new CaseNotFoundError(caseId);
  const found = await prisma.arbitrationCase.findFirst({
    where: { AND: [{ id: caseId }, casesVisibleTo(viewer)] },
    select: { id: true, caseNumber: true, evidence: { include: { evidence: true }, orderBy: { evidence: { sequence: 'asc' } } } },
  });
  if (!found) throw new CaseNotFoundError(caseId);

  const chain = createAnchorLookup({ rpcUrl: chainRpcUrl });
  const results: ItemVerification[] = [];
  try {
    // One item at a time: each makes a few chain reads, and a package is tens of items, not thousands.
    for (const { evidence } of found.evidence) {
      results.push(await verifyItem({ prisma, evidence, issuer, chain, storageDir }));
    }
  } finally {
    chain.close();
  }

  const reconciliation = await verifyReconciliationCertificates({ prisma, caseId, issuerAddress: issuer.address, chainRpcUrl });
  const itemCount = results.length + reconciliation.length;
  const failedCount = results.filter((r) => !r.passed).length + reconciliation.filter((r) => !r.passed).length;
  const passed = itemCount > 0 && failedCount === 0;
  const reportId = randomUUID();
  await prisma.$transaction(async (tx) => {
    await tx.verificationReport.create({
      data: {
        id: reportId,
        caseId,
        verifiedByUserId: viewer.userId,
        passed,
        itemCount,
        failedCount,
        results: results as unknown as Prisma.InputJsonValue,
        reconciliationResults: reconciliation as unknown as Prisma.InputJsonValue,
      },
    });
    await appendAuditEntry(tx, {
      actor: auditActorOf(viewer),
      action: 'case.verify',
      targetType: 'case',
      targetId: caseId,
      details: {
        caseNumber: found.caseNumber,
        reportId,
        passed,
        itemCount,
        failedEvidenceIds: results.filter((r) => !r.passed).map((r) => r.evidenceId),
        ...(reconciliation.length > 0 ? { failedReconciliationSerials: reconciliation.filter((r) => !r.passed).map((r) => r.serial) } : {}),
      },
    });
  });
  return { reportId, passed, itemCount, failedCount, results, reconciliation };
}

interface PackageEvidence {
  id: string;
  title: string | null;
  fileName: string;
  sha256: Uint8Array;
  storageKey: string | null;
}

async function verifyItem({
  prisma,
  evidence,
  issuer,
  chain,
  storageDir,
}: {
  prisma: PrismaClient;
  evidence: PackageEvidence;
  issuer: Issuer;
  chain: ClosableAnchorLookup;
  storageDir: string;
}): Promise<ItemVerification> {
  const base = { evidenceId: evidence.id, fileName: evidence.fileName, title: evidence.title, sha256: toHex(evidence.sha256) };
  const failed = (reason: ItemVerification['reason'], message: string, storedFileChecked = false): ItemVerification => ({
    ...base,
    passed: false,
    reason,
    message,
    certificateSerial: null,
    storedFileChecked,
    checks: [],
  });

  let certificate;
  try {
    certificate = await issueCertificate({ prisma, evidenceId: evidence.id, issuer });
  } catch (error) {
    if (error instanceof EvidenceNotAnchoredError) {
      return failed('not-anchored', `Not anchored on chain yet (${error.status}); there is nothing on chain to check it against.`);
    }
    return failed('certificate-unavailable', `No certificate could be assembled: ${(error as Error).message}`);
  }

  let fileSha256: Uint8Array | undefined;
  if (evidence.storageKey !== null) {
    const digest = await hashStoredFile({ storageDir, storageKey: evidence.storageKey });
    if (digest === null) return failed('stored-file-missing', 'The stored original file is missing from storage.', true);
    fileSha256 = digest;
  }

  const report = await verifyCertificate({
    certificate,
    fileSha256,
    chain,
    trustedIssuers: [issuer.address],
    revocation: (serial) => getCertificateStatus({ prisma, serial }),
  });
  const checks = report.checks.map(({ id, status, message, code, params }) => ({ id, status, message, code, params }));
  // A skipped chain check would let an item pass on the database's word alone.
  const anchorChecked = checks.some((check) => check.id === 'chain-anchor' && check.status === 'pass');
  const passed = report.valid && anchorChecked;
  const firstFailure = checks.find((check) => check.status === 'fail');
  return {
    ...base,
    passed,
    reason: null,
    message: passed
      ? 'Every check passed against the chain.'
      : (firstFailure?.message ?? 'The anchor on chain could not be checked.'),
    certificateSerial: certificate.serial,
    storedFileChecked: fileSha256 !== undefined,
    checks,
  };
}
