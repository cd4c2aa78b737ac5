// The borrower portal's data on a real database and chain: a borrower sees the evidence and cases
// naming them, with lender, status and title, and never another borrower's.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAllPendingEvidence } from '../batches/seal-all-pending-evidence';
import type { BorrowerViewer, StaffViewer } from '../auth/viewer';
import { ForbiddenError } from '../errors';
import { anchorUntilFinal } from '../testing/anchor-until-final';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { getBorrowerHome } from './get-borrower-home';
import { listBorrowerEvidence } from './list-borrower-evidence';

let services: TestServices;
const ids = { lender: randomUUID(), commission: randomUUID(), zhang: randomUUID(), li: randomUUID() };
const viewerOf = (borrowerId: string, name: string): BorrowerViewer => ({
  kind: 'borrower',
  userId: randomUUID(),
  email: `${name}@evident.test`,
  name,
  borrowerId,
  ipAddress: null,
});

async function addEvidence(borrowerId: string, fields: { title?: string; fileName: string; loanReference: string }) {
  const id = randomUUID();
  await services.prisma.evidence.create({
    data: {
      id,
      sha256: randomBytes(32),
      salt: randomBytes(32),
      mediaType: 'application/pdf',
      size: 10n,
      kind: 'hash',
      organizationId: ids.lender,
      evidenceType: 'loan_contract',
      borrowerId,
      ...fields,
    },
  });
  return id;
}

async function fileCase(borrowerId: string, caseNumber: string) {
  await services.prisma.arbitrationCase.create({
    data: {
      id: randomUUID(),
      caseNumber,
      title: `借款纠纷 ${caseNumber}`,
      lenderOrganizationId: ids.lender,
      commissionOrganizationId: ids.commission,
      borrowerId,
      filedByUserId: randomUUID(),
    },
  });
}

beforeAll(async () => {
  services = await startTestServices();
  await services.prisma.organization.createMany({
    data: [
      { id: ids.lender, name: '示例小额贷款有限公司', type: 'lender' },
      { id: ids.commission, name: '广州仲裁委员会', type: 'arbitration_commission' },
    ],
  });
  await services.prisma.borrower.createMany({ data: [{ id: ids.zhang, name: '张伟' }, { id: ids.li, name: '李娜' }] });
});

afterAll(async () => {
  await services?.stop();
});

describe('listBorrowerEvidence', () => {
  it('lists only the evidence naming the borrower, with lender, title and status', async () => {
    const anchoredId = await addEvidence(ids.zhang, { title: '借款合同', fileName: 'contract.pdf', loanReference: 'L-1' });
    await addEvidence(ids.li, { title: '李娜的合同', fileName: 'li.pdf', loanReference: 'L-2' });
    await sealAllPendingEvidence({ prisma: services.prisma, maxLeaves: 100 });
    await anchorUntilFinal({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });
    const pendingId = await addEvidence(ids.zhang, { fileName: 'repayments.csv', loanReference: 'L-1' });

    const zhang = await listBorrowerEvidence({ prisma: services.prisma, viewer: viewerOf(ids.zhang, 'zhang') });
    expect(zhang.total).toBe(2);
    expect(zhang.items).toMatchObject([
      { id: pendingId, title: 'repayments.csv', status: 'pending', lenderName: '示例小额贷款有限公司', loanReference: 'L-1' },
      { id: anchoredId, title: '借款合同', fileName: 'contract.pdf', status: 'anchored', type: 'loan_contract' },
    ]);
    const li = await listBorrowerEvidence({ prisma: services.prisma, viewer: viewerOf(ids.li, 'li') });
    expect(li.items.map((i) => i.title)).toEqual(['李娜的合同']);
  });

  it('puts the borrower’s own cases on their home page and refuses staff', async () => {
    await fileCase(ids.zhang, 'EVC-2026-900001');
    await fileCase(ids.li, 'EVC-2026-900002');
    const home = await getBorrowerHome({ prisma: services.prisma, viewer: viewerOf(ids.zhang, '张伟') });
    expect(home.cases.map((c) => c.caseNumber)).toEqual(['EVC-2026-900001']);
    expect(home.evidence.items.every((i) => i.lenderName === '示例小额贷款有限公司')).toBe(true);

    const staff: StaffViewer = {
      kind: 'staff',
      userId: randomUUID(),
      email: 'lender@evident.test',
      name: 'Lender',
      role: 'admin',
      organizationId: ids.lender,
      organizationType: 'lender',
      organizationName: '示例小额贷款有限公司',
      ipAddress: null,
    };
    await expect(getBorrowerHome({ prisma: services.prisma, viewer: staff })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
