// What the lender's file-a-case form offers: the arbitration commissions, the borrowers the lender's
// own evidence names, and that evidence grouped by borrower.
import { authorize, evidenceVisibleTo } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import type { EvidenceStatus } from '../evidence/evidence-view';
import { toHex } from '../proof/hex';
import { readEvidenceStatuses } from './read-evidence-statuses';

export interface FilingEvidenceOption {
  id: string;
  title: string | null;
  fileName: string;
  evidenceType: string | null;
  loanReference: string | null;
  sha256: string;
  submittedAt: Date;
  status: EvidenceStatus;
}

export interface FilingOptions {
  commissions: Array<{ id: string; name: string }>;
  borrowers: Array<{ id: string; name: string; /** Masked identifier, to tell two borrowers of one name apart. */ identifierHint: string | null; evidence: FilingEvidenceOption[] }>;
}

/** Most evidence items offered per form; older ones beyond it are left out of the checklist. */
const MAX_OFFERED_EVIDENCE = 2000;

export async function getFilingOptions({ prisma, viewer }: { prisma: PrismaClient; viewer: Viewer }): Promise<FilingOptions> {
  authorize(viewer, 'case.file');
  const [commissions, evidence] = await Promise.all([
    prisma.organization.findMany({ where: { type: 'arbitration_commission' }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    prisma.evidence.findMany({
      where: { AND: [evidenceVisibleTo(viewer), { borrowerId: { not: null } }] },
      orderBy: { sequence: 'desc' },
      take: MAX_OFFERED_EVIDENCE,
      select: {
        id: true,
        title: true,
        fileName: true,
        evidenceType: true,
        loanReference: true,
        sha256: true,
        submittedAt: true,
        borrower: { select: { id: true, name: true, identifierHint: true } },
      },
    }),
  ]);
  const statuses = await readEvidenceStatuses(prisma, evidence.map((e) => e.id));
  const borrowers = new Map<string, FilingOptions['borrowers'][number]>();
  for (const item of evidence) {
    const borrower = item.borrower!;
    let entry = borrowers.get(borrower.id);
    if (!entry) borrowers.set(borrower.id, (entry = { id: borrower.id, name: borrower.name, identifierHint: borrower.identifierHint, evidence: [] }));
    entry.evidence.push({
      id: item.id,
      title: item.title,
      fileName: item.fileName,
      evidenceType: item.evidenceType,
      loanReference: item.loanReference,
      sha256: toHex(item.sha256),
      submittedAt: item.submittedAt,
      status: statuses.get(item.id) ?? 'pending',
    });
  }
  return { commissions, borrowers: [...borrowers.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}
