// A lender's user who names a new borrower whose name the organization already has under another
// identifier is asked first (#16 defect 2): the upload is refused with the masked identifiers on
// record until it carries confirmSameNameBorrower=true, so a post without the dialog cannot create a
// second 王芳 silently. Real PostgreSQL; another organization's borrowers do not count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUserViewer } from '../auth/load-user-viewer';
import type { StaffViewer } from '../auth/viewer';
import { SameNameBorrowerError } from '../errors';
import { problemResponse } from '../http/problem-response';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { uploadTestFile } from '../testing/upload-test-file';
import { checkNewBorrowerName } from './check-new-borrower-name';

let services: TestServices;
let lenderA: StaffViewer;
let lenderB: StaffViewer;

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
  lenderA = (await loadUserViewer({ prisma: services.prisma, user: { email: 'lender-a@evident.demo' }, ipAddress: null })) as StaffViewer;
  lenderB = (await loadUserViewer({ prisma: services.prisma, user: { email: 'lender-b@evident.demo' }, ipAddress: null })) as StaffViewer;
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

const described = { title: '借款合同', type: 'loan_contract' };
const FIRST_ID = '110105198506123016';
const OTHER_ID = '110105198506123024';
const check = (viewer: StaffViewer, idNumber: string) =>
  checkNewBorrowerName({ prisma: services.prisma, viewer, identity: { name: '王芳', idNumber }, borrowerIdSalt: services.secrets.borrowerIdSalt });
const wangFang = () => services.prisma.borrower.findMany({ where: { name: '王芳' }, select: { identifierHint: true }, orderBy: { createdAt: 'asc' } });

describe('a second borrower of one name', () => {
  it('is refused without confirmation, naming the masked identifier on record, and stores nothing', async () => {
    await uploadTestFile(services, lenderA, { ...described, borrowerName: '王芳', borrowerIdNumber: FIRST_ID });
    expect(await check(lenderA, FIRST_ID)).toEqual({ sameName: [] });
    expect(await check(lenderA, OTHER_ID)).toEqual({ sameName: [{ identifierHint: '1101**********3016' }] });

    const evidenceBefore = await services.prisma.evidence.count();
    const refused = await uploadTestFile(services, lenderA, { ...described, borrowerName: '王芳', borrowerIdNumber: OTHER_ID }).catch((e) => e);
    expect(refused).toBeInstanceOf(SameNameBorrowerError);
    const response = problemResponse(refused);
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body).toMatchObject({ code: 'same-name-borrower', existingBorrowers: [{ identifierHint: '1101**********3016' }] });
    expect(JSON.stringify(body)).not.toContain(FIRST_ID);
    expect(await services.prisma.evidence.count()).toBe(evidenceBefore);
    expect(await wangFang()).toEqual([{ identifierHint: '1101**********3016' }]);
  });

  it('is created once the lender confirms it is another person', async () => {
    const uploaded = await uploadTestFile(services, lenderA, { ...described, borrowerName: '王芳', borrowerIdNumber: OTHER_ID, confirmSameNameBorrower: 'true' });
    expect(uploaded.borrower?.name).toBe('王芳');
    expect(await wangFang()).toEqual([{ identifierHint: '1101**********3016' }, { identifierHint: '1101**********3024' }]);
    // Named again by the same ID number, the borrower is found: nothing to confirm any more.
    expect(await check(lenderA, OTHER_ID)).toEqual({ sameName: [] });
    await uploadTestFile(services, lenderA, { ...described, borrowerName: '王芳', borrowerIdNumber: OTHER_ID });
  });

  it('counts only the organization’s own borrowers', async () => {
    expect(await check(lenderB, '310115199201011237')).toEqual({ sameName: [] });
    const uploaded = await uploadTestFile(services, lenderB, { ...described, borrowerName: '王芳', borrowerIdNumber: '310115199201011237' });
    expect(uploaded.borrower?.name).toBe('王芳');
  });
});
