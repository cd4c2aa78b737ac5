// One case as its viewers see it: parties, status, the evidence package with each item's
// notarization status, the verification reports, and the items whose stored original failed its
// hash re-check. Scoped by casesVisibleTo: another tenant's case is CaseNotFoundError.
import { authorize, casesVisibleTo } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import type { CaseStatus } from '../db/generated/client';
import { CaseNotFoundError } from '../errors';
import type { EvidenceStatus } from '../evidence/evidence-view';
import { toHex } from '../proof/hex';
import { isUuid } from '../ids';
import { CASE_BORROWER_WITH_HINT, CASE_PARTY_NAMES, type CaseSummary } from './list-cases';
import { reconciliationResultsSchema, verificationResultsSchema, type ItemVerification, type ReconciliationVerification } from './case-schemas';
import { readAnchoringFacts, type AnchoringFacts } from './read-anchoring-facts';
import { readEvidenceStatuses } from './read-evidence-statuses';

export interface CasePackageItem {
  id: string;
  title: string | null;
  fileName: string;
  mediaType: string;
  size: number;
  evidenceType: string | null;
  loanReference: string | null;
  sha256: string;
  submittedAt: Date;
  status: EvidenceStatus;
  hasOriginal: boolean;
  /** Certificate serial, block and anchoring time, as the case page shows them beside the item. */
  anchoring: AnchoringFacts;
}

export interface CaseReportSummary {
  id: string;
  createdAt: Date;
  passed: boolean;
  itemCount: number;
  failedCount: number;
  verifiedBy: string;
}

export interface CaseDetail extends Omit<CaseSummary, 'evidenceCount'> {
  claimSummary: string | null;
  filedBy: string;
  evidence: CasePackageItem[];
  /** Newest first. */
  reports: CaseReportSummary[];
  /** The newest report's per-item results, or null before the first Verify all. */
  latestResults: ItemVerification[] | null;
  /** Reconciliation certificates added by the lender, in the order added. */
  reconciliationCertificates: Array<{ serial: string; pairName: string; businessDate: string; class: string; proof: string; addedAt: Date }>;
  /** The newest report's reconciliation results, or null before the first Verify all. */
  latestReconciliationResults: ReconciliationVerification[] | null;
  /** Package items whose stored original no longer matches its SHA-256, from the latest report or a refused download. */
  storedFileMismatches: Array<{ id: string; label: string }>;
}

export async function getCase({ prisma, viewer, caseId }: { prisma: PrismaClient; viewer: Viewer; caseId: string }): Promise<CaseDetail> {
  authorize(viewer, 'case.read');
  if (!isUuid(caseId)) throw new CaseNotFoundError(caseId);
  const row = await prisma.arbitrationCase.findFirst({
    where: { AND: [{ id: caseId }, casesVisibleTo(viewer)] },
    include: {
      ...CASE_PARTY_NAMES,
      ...CASE_BORROWER_WITH_HINT,
      evidence: { include: { evidence: true }, orderBy: { evidence: { sequence: 'asc' } } },
      reports: { orderBy: { createdAt: 'desc' } },
      reconciliationCertificates: { include: { certificate: true }, orderBy: [{ addedAt: 'asc' }, { serial: 'asc' }] },
    },
  });
  if (!row) throw new CaseNotFoundError(caseId);

  const evidenceIds = row.evidence.map((link) => link.evidenceId);
  const [statuses, anchoring, people, refusedDownloads] = await Promise.all([
    readEvidenceStatuses(prisma, evidenceIds),
    readAnchoringFacts(prisma, evidenceIds),
    prisma.user.findMany({
      where: { id: { in: [row.filedByUserId, ...row.reports.map((r) => r.verifiedByUserId)] } },
      select: { id: true, name: true },
    }),
    prisma.auditEntry.findMany({
      where: {
        action: 'evidence.download',
        targetType: 'evidence',
        targetId: { in: evidenceIds },
        details: { path: ['outcome'], equals: 'stored-file-hash-mismatch' },
      },
      select: { targetId: true },
    }),
  ]);
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const evidence: CasePackageItem[] = row.evidence.map(({ evidence: e }) => ({
    id: e.id,
    title: e.title,
    fileName: e.fileName,
    mediaType: e.mediaType,
    size: Number(e.size),
    evidenceType: e.evidenceType,
    loanReference: e.loanReference,
    sha256: toHex(e.sha256),
    submittedAt: e.submittedAt,
    status: statuses.get(e.id) ?? 'pending',
    hasOriginal: e.storageKey !== null,
    anchoring: anchoring.get(e.id) ?? { certificateSerial: null, certificateRevoked: false, blockNumber: null, anchoredAt: null },
  }));
  const latest = row.reports[0];
  const latestResults = latest ? verificationResultsSchema.parse(latest.results) : null;
  const latestReconciliationResults = latest ? reconciliationResultsSchema.parse(latest.reconciliationResults) : null;
  const reconciliationCertificates = row.reconciliationCertificates.map(({ certificate, addedAt }) => {
    const document = JSON.parse(certificate.document) as { class: string; pair: { bankA: string; bankB: string } };
    return {
      serial: certificate.serial,
      pairName: `${document.pair.bankA} / ${document.pair.bankB}`,
      businessDate: certificate.businessDate,
      class: document.class,
      proof: certificate.proof,
      addedAt,
    };
  });

  const mismatched = new Set(refusedDownloads.map((entry) => entry.targetId));
  for (const result of latestResults ?? []) {
    const fileCheck = result.checks.find((check) => check.id === 'file-hash');
    if (result.storedFileChecked && fileCheck?.status === 'fail') mismatched.add(result.evidenceId);
  }

  return {
    id: row.id,
    caseNumber: row.caseNumber,
    title: row.title,
    claimSummary: row.claimSummary,
    status: row.status,
    filedAt: row.filedAt,
    updatedAt: row.updatedAt,
    lenderName: row.lender.name,
    commissionName: row.commission.name,
    borrowerName: row.borrower.name,
    borrowerIdentifierHint: row.borrower.identifierHint,
    filedBy: nameOf.get(row.filedByUserId) ?? '—',
    evidence,
    reports: row.reports.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      passed: r.passed,
      itemCount: r.itemCount,
      failedCount: r.failedCount,
      verifiedBy: nameOf.get(r.verifiedByUserId) ?? '—',
    })),
    latestResults,
    reconciliationCertificates,
    latestReconciliationResults,
    storedFileMismatches: evidence.filter((e) => mismatched.has(e.id)).map((e) => ({ id: e.id, label: e.title ?? e.fileName })),
  };
}
