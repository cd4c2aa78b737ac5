// The arbitration cases a viewer may see (lib/auth/authorize.ts casesVisibleTo), newest first,
// filtered and paginated. The lender, arbitration and borrower portals all list cases through here.
import { authorize, casesVisibleTo } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import type { CaseStatus, Prisma } from '../db/generated/client';

/** The names of a case's parties, as every case view shows them. */
export const CASE_PARTY_NAMES = {
  lender: { select: { name: true } },
  commission: { select: { name: true } },
  borrower: { select: { name: true } },
} as const;

/** The borrower with the masked identifier that tells two borrowers of one name apart. */
export const CASE_BORROWER_WITH_HINT = { borrower: { select: { name: true, identifierHint: true } } } as const;

export interface CaseSummary {
  id: string;
  caseNumber: string;
  title: string;
  status: CaseStatus;
  filedAt: Date;
  updatedAt: Date;
  lenderName: string;
  commissionName: string;
  borrowerName: string;
  /** e.g. 4401**********451X; null for borrowers recorded before hints were. */
  borrowerIdentifierHint: string | null;
  evidenceCount: number;
}

export interface ListCasesOptions {
  prisma: PrismaClient;
  viewer: Viewer;
  status?: CaseStatus;
  /** Matches the case number, title or borrower name. */
  query?: string;
  page?: number;
  pageSize?: number;
}

export async function listCases({ prisma, viewer, status, query, page = 1, pageSize = 20 }: ListCasesOptions): Promise<{
  cases: CaseSummary[];
  total: number;
  page: number;
  pageSize: number;
}> {
  authorize(viewer, 'case.read');
  const where: Prisma.ArbitrationCaseWhereInput = { AND: [casesVisibleTo(viewer)] };
  const and = where.AND as Prisma.ArbitrationCaseWhereInput[];
  if (status) and.push({ status });
  if (query?.trim()) {
    const q = query.trim();
    and.push({
      OR: [
        { caseNumber: { contains: q, mode: 'insensitive' } },
        { title: { contains: q, mode: 'insensitive' } },
        { borrower: { name: { contains: q, mode: 'insensitive' } } },
      ],
    });
  }
  const [rows, total] = await Promise.all([
    prisma.arbitrationCase.findMany({
      where,
      orderBy: { filedAt: 'desc' },
      skip: (Math.max(1, page) - 1) * pageSize,
      take: pageSize,
      include: { ...CASE_PARTY_NAMES, ...CASE_BORROWER_WITH_HINT, _count: { select: { evidence: true } } },
    }),
    prisma.arbitrationCase.count({ where }),
  ]);
  return {
    cases: rows.map((row) => ({
      id: row.id,
      caseNumber: row.caseNumber,
      title: row.title,
      status: row.status,
      filedAt: row.filedAt,
      updatedAt: row.updatedAt,
      lenderName: row.lender.name,
      commissionName: row.commission.name,
      borrowerName: row.borrower.name,
      borrowerIdentifierHint: row.borrower.identifierHint,
      evidenceCount: row._count.evidence,
    })),
    total,
    page: Math.max(1, page),
    pageSize,
  };
}
