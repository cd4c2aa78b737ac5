// Filing a case on the real database: the lender's own evidence naming the borrower is accepted,
// anything else refuses the whole filing and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffViewer } from '../auth/viewer';
import { FieldErrorsError, ForbiddenError } from '../errors';
import { startCaseFixture, type CaseFixture } from './case-test-fixture';
import { fileCase } from './file-case';
import { getCase } from './get-case';
import { listCases } from './list-cases';

let f: CaseFixture;
let lenderA: StaffViewer;
let lenderB: StaffViewer;
let arbitrator: StaffViewer;
let borrower1: string;
let borrower2: string;
let commission: string;

beforeAll(async () => {
  f = await startCaseFixture();
  [lenderA, lenderB, arbitrator] = await Promise.all([
    f.staff('lender-a@evident.demo'),
    f.staff('lender-b@evident.demo'),
    f.staff('arbitrator@evident.demo'),
  ]);
  borrower1 = await f.borrowerId('borrower-1@evident.demo');
  borrower2 = await f.borrowerId('borrower-2@evident.demo');
  commission = await f.commissionId();
});

afterAll(async () => {
  await f?.stop();
});

const file = (viewer: StaffViewer, input: Record<string, unknown>) =>
  fileCase({ prisma: f.services.prisma, viewer, input, borrowerIdSalt: f.services.secrets.borrowerIdSalt });

async function counts() {
  const { prisma } = f.services;
  return {
    cases: await prisma.arbitrationCase.count(),
    links: await prisma.caseEvidence.count(),
    audit: await prisma.auditEntry.count({ where: { action: 'case.file' } }),
  };
}

describe('fileCase', () => {
  it('files a case with sequential numbers, its package and an audit entry', async () => {
    const a = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 });
    const b = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 });
    const first = await file(lenderA, {
      commissionOrganizationId: commission,
      borrowerId: borrower1,
      title: '借款合同纠纷 Loan dispute',
      claimSummary: 'Unpaid instalments since March.',
      evidenceIds: [a.id, b.id],
    });
    const second = await file(lenderA, { commissionOrganizationId: commission, borrowerId: borrower1, title: 'Second', evidenceIds: [a.id] });
    expect(first.caseNumber).toMatch(/^EVC-\d{4}-\d{6}$/);
    expect(Number(second.caseNumber.slice(-6))).toBe(Number(first.caseNumber.slice(-6)) + 1);

    const detail = await getCase({ prisma: f.services.prisma, viewer: arbitrator, caseId: first.id });
    expect(detail.evidence.map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
    expect(detail.status).toBe('filed');
    const audit = await f.services.prisma.auditEntry.findFirst({ where: { action: 'case.file', targetId: first.id } });
    expect(audit?.actorLabel).toBe('lender-a@evident.demo');
    const listed = await listCases({ prisma: f.services.prisma, viewer: arbitrator });
    expect(listed.cases.map((c) => c.id)).toContain(first.id);
  });

  it('names the borrower by identity as well as by id', async () => {
    const a = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 });
    const filed = await file(lenderA, {
      commissionOrganizationId: commission,
      borrower: { name: '张伟 Zhang Wei', idNumber: '44010419900307451X' },
      title: 'By identity',
      evidenceIds: [a.id],
    });
    const row = await f.services.prisma.arbitrationCase.findUniqueOrThrow({ where: { id: filed.id } });
    expect(row.borrowerId).toBe(borrower1);
  });

  it('refuses evidence of another lender, and writes nothing', async () => {
    const own = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 });
    const othersEvidence = await f.addEvidence({ lender: lenderB, borrowerId: borrower1 });
    const before = await counts();
    const error = await file(lenderA, {
      commissionOrganizationId: commission,
      borrowerId: borrower1,
      title: 'Mixed lenders',
      evidenceIds: [own.id, othersEvidence.id],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(FieldErrorsError);
    expect((error as FieldErrorsError).fieldErrors.evidenceIds[0]).toContain(othersEvidence.id);
    expect(await counts()).toEqual(before);
  });

  it('refuses evidence naming another borrower, and writes nothing', async () => {
    const aboutOther = await f.addEvidence({ lender: lenderA, borrowerId: borrower2 });
    const before = await counts();
    await expect(
      file(lenderA, { commissionOrganizationId: commission, borrowerId: borrower1, title: 'Wrong person', evidenceIds: [aboutOther.id] }),
    ).rejects.toBeInstanceOf(FieldErrorsError);
    expect(await counts()).toEqual(before);
  });

  it('refuses a commission that is not one, missing fields, and non-lenders', async () => {
    const own = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 });
    const before = await counts();
    const notCommission = await file(lenderA, {
      commissionOrganizationId: lenderB.organizationId,
      borrowerId: borrower1,
      title: 'To a bank',
      evidenceIds: [own.id],
    }).catch((e) => e);
    expect((notCommission as FieldErrorsError).fieldErrors).toHaveProperty('commissionOrganizationId');
    const empty = await file(lenderA, { commissionOrganizationId: commission, borrowerId: borrower1, title: ' ', evidenceIds: [] }).catch((e) => e);
    expect(Object.keys((empty as FieldErrorsError).fieldErrors).sort()).toEqual(['evidenceIds', 'title']);
    await expect(
      file(arbitrator, { commissionOrganizationId: commission, borrowerId: borrower1, title: 'x', evidenceIds: [own.id] }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await counts()).toEqual(before);
  });

  it('gives concurrent filings distinct case numbers', async () => {
    const own = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 });
    const filed = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        file(lenderA, { commissionOrganizationId: commission, borrowerId: borrower1, title: `Concurrent ${i}`, evidenceIds: [own.id] }),
      ),
    );
    expect(new Set(filed.map((c) => c.caseNumber)).size).toBe(6);
  });

  it('hides a case from another lender (not found)', async () => {
    const own = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 });
    const filed = await file(lenderA, { commissionOrganizationId: commission, borrowerId: borrower1, title: 'Private', evidenceIds: [own.id] });
    await expect(getCase({ prisma: f.services.prisma, viewer: lenderB, caseId: filed.id })).rejects.toMatchObject({ code: 'case-not-found' });
  });
});
