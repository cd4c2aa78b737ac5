// A lender files an arbitration case against a borrower to a commission, with an evidence package.
// Every evidence item must be the lender's own and name that borrower; anything else is refused whole
// with field errors, and nothing is written. The case, its package and its audit entry commit together.
import { randomUUID } from 'node:crypto';
import { auditActorOf, type Viewer } from '../auth/viewer';
import { appendAuditEntry } from '../audit/append-audit-entry';
import { authorize, evidenceVisibleTo } from '../auth/authorize';
import { resolveBorrower } from '../borrowers/resolve-borrower';
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { CASE_NUMBER_LOCK_KEY } from '../db/locks';
import { runStatement, sql } from '../db/sql';
import { FieldErrorsError } from '../errors';
import { DISPLAY_TIME_ZONE } from '../i18n/locales';
import { fileCaseInputSchema } from './case-schemas';

export async function fileCase({
  prisma,
  viewer,
  input,
  borrowerIdSalt,
  now = new Date(),
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  /** Unvalidated: parsed here with fileCaseInputSchema. */
  input: unknown;
  borrowerIdSalt: string;
  now?: Date;
}): Promise<{ id: string; caseNumber: string }> {
  authorize(viewer, 'case.file');
  if (viewer.kind !== 'staff') throw new Error('authorize(case.file) admits staff only');
  const parsed = fileCaseInputSchema.safeParse(input);
  if (!parsed.success) throw new FieldErrorsError(fieldErrorsOf(parsed.error));
  const data = parsed.data;
  const evidenceIds = [...new Set(data.evidenceIds)];

  return prisma.$transaction(async (tx) => {
    const commission = await tx.organization.findUnique({ where: { id: data.commissionOrganizationId } });
    if (!commission || commission.type !== 'arbitration_commission') {
      throw new FieldErrorsError({ commissionOrganizationId: ['not an arbitration commission'] });
    }
    const borrower = data.borrower
      ? await resolveBorrower({ db: tx, identity: data.borrower, borrowerIdSalt })
      : await tx.borrower.findUnique({ where: { id: data.borrowerId! }, select: { id: true, name: true } });
    if (!borrower) throw new FieldErrorsError({ borrowerId: ['no such borrower'] });

    // One query with the lender's scope and the borrower: an item of another lender or about another
    // person is simply not among the matches, and the whole filing is refused.
    const matching = await tx.evidence.findMany({
      where: { AND: [evidenceVisibleTo(viewer), { id: { in: evidenceIds } }, { borrowerId: borrower.id }] },
      select: { id: true },
    });
    if (matching.length !== evidenceIds.length) {
      const found = new Set(matching.map((e) => e.id));
      const refused = evidenceIds.filter((id) => !found.has(id));
      throw new FieldErrorsError({
        evidenceIds: [`not evidence of yours that names this borrower: ${refused.join(', ')}`],
      });
    }

    const caseNumber = await nextCaseNumber(tx, now);
    const id = randomUUID();
    await tx.arbitrationCase.create({
      data: {
        id,
        caseNumber,
        title: data.title,
        claimSummary: data.claimSummary || null,
        lenderOrganizationId: viewer.organizationId,
        commissionOrganizationId: commission.id,
        borrowerId: borrower.id,
        filedByUserId: viewer.userId,
        filedAt: now,
        evidence: { create: evidenceIds.map((evidenceId) => ({ evidenceId })) },
      },
    });
    await appendAuditEntry(tx, {
      actor: auditActorOf(viewer),
      action: 'case.file',
      targetType: 'case',
      targetId: id,
      details: { caseNumber, commissionOrganizationId: commission.id, borrowerId: borrower.id, evidenceIds },
    });
    return { id, caseNumber };
  });
}

/** EVC-<year>-<6 digits>, counting from 1 each year (the year in China time, as the case file shows
 * it). The advisory lock makes concurrent filings take turns, so the count has no duplicates. */
async function nextCaseNumber(tx: Prisma.TransactionClient, now: Date): Promise<string> {
  await runStatement(tx, sql`SELECT pg_advisory_xact_lock(${CASE_NUMBER_LOCK_KEY})`);
  const year = new Intl.DateTimeFormat('en', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric' }).format(now);
  const prefix = `EVC-${year}-`;
  const last = await tx.arbitrationCase.findFirst({
    where: { caseNumber: { startsWith: prefix } },
    orderBy: { caseNumber: 'desc' },
    select: { caseNumber: true },
  });
  const next = last ? Number(last.caseNumber.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(6, '0')}`;
}

function fieldErrorsOf(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}
