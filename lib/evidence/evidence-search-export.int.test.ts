// The lender list's search by borrower ID number and by SHA-256 prefix, and its CSV export, against
// real PostgreSQL: the ID number is matched through its keyed hash and only among the
// organization's own borrowers; a prefix shorter than 8 hex digits is refused; the export holds
// exactly the filtered rows of the viewer's organization, masks identifiers and is audited.
import { describe, expect, it } from 'vitest';
import type { StaffViewer } from '../auth/viewer';
import { findOrganizationBorrowerByIdNumber } from '../borrowers/find-organization-borrower-by-id-number';
import { InvalidRequestError } from '../errors';
import { platformTestSetup } from '../testing/platform-test-setup';
import { uploadTestFile } from '../testing/upload-test-file';
import { evidenceSearchSchema } from './evidence-schemas';
import { exportEvidenceCsv } from './export-evidence-csv';
import { searchEvidence } from './search-evidence';

const platform = platformTestSetup({ demoLenders: true });

const ZHAO = '110105198506123016';
const QIAN = '310115199201011237';
const search = (viewer: StaffViewer, query: Record<string, string>) =>
  searchEvidence({ prisma: platform.services.prisma, viewer, filters: evidenceSearchSchema.parse(query) });
const byIdNumber = (viewer: StaffViewer, idNumber: string) =>
  findOrganizationBorrowerByIdNumber({ prisma: platform.services.prisma, viewer, idNumber, borrowerIdSalt: platform.services.secrets.borrowerIdSalt });
async function csvOf(viewer: StaffViewer, query: Record<string, string>): Promise<string> {
  const { page: _page, ...filters } = evidenceSearchSchema.parse(query);
  let text = '';
  for await (const chunk of (await exportEvidenceCsv({ prisma: platform.services.prisma, viewer, filters })).chunks) text += chunk;
  return text;
}

describe('searching and exporting the lender evidence list', () => {
  it('finds a borrower by ID number only among the organization’s own, and lists their evidence', async () => {
    const zhao = await uploadTestFile(platform.services, platform.lenderA, { title: '赵 合同', type: 'loan_contract', borrowerName: '赵一', borrowerIdNumber: ZHAO });
    await uploadTestFile(platform.services, platform.lenderA, { title: '钱 合同', type: 'loan_contract', borrowerName: '钱二', borrowerIdNumber: QIAN });
    const found = await byIdNumber(platform.lenderA, ` ${ZHAO.slice(0, 6)} ${ZHAO.slice(6)} `);
    expect(found).toEqual({ id: zhao.borrower!.id });
    // Lender B never named 赵一: the ID number finds no one for them.
    expect(await byIdNumber(platform.lenderB, ZHAO)).toBeNull();
    const listed = await search(platform.lenderA, { borrowerId: found!.id });
    expect(listed.items.map((item) => item.title)).toEqual(['赵 合同']);
    expect(listed.items[0].borrowerIdentifierHint).toBe('1101**********3016');
    // No ID number, whole or hashed, is in the stored row.
    const row = await platform.services.prisma.borrower.findUniqueOrThrow({ where: { id: found!.id } });
    expect(JSON.stringify(row, (_key, value) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value))).not.toContain(ZHAO);
  });

  it('finds items by a SHA-256 prefix of 8 or more hex digits, 0x and case aside, and refuses a shorter one', async () => {
    const uploaded = await uploadTestFile(platform.services, platform.lenderA, { title: '哈希前缀', type: 'other', borrowerName: '赵一', borrowerIdNumber: ZHAO }, { content: `prefix ${Date.now()}` });
    const digits = uploaded.sha256.slice(2);
    for (const prefix of [digits.slice(0, 8), `0x${digits.slice(0, 9).toUpperCase()}`, uploaded.sha256]) {
      expect((await search(platform.lenderA, { sha256: prefix })).items.map((item) => item.id)).toEqual([uploaded.id]);
    }
    // Another organization's item of the same prefix is not theirs to see.
    expect((await search(platform.lenderB, { sha256: digits.slice(0, 8) })).items).toEqual([]);
    for (const bad of [digits.slice(0, 7), 'zzzzzzzz']) await expect(search(platform.lenderA, { sha256: bad })).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('exports the filtered rows as CSV, masking identifiers, and audits the export', async () => {
    const csv = await csvOf(platform.lenderA, { borrower: '赵一' });
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,sequence,title,file_name,type,loan_reference,borrower,borrower_identifier_masked,sha256,size_bytes,submitted_at_utc,submitted_at_asia_shanghai,status,block_number,tx_hash',
    );
    expect(lines.slice(1).map((line) => line.split(',')[2])).toEqual(['哈希前缀', '赵 合同']);
    expect(lines.slice(1).every((line) => line.includes(',赵一,1101**********3016,'))).toBe(true);
    expect(csv).not.toContain(ZHAO);
    expect(await csvOf(platform.lenderB, { borrower: '赵一' })).toBe(
      '\uFEFFid,sequence,title,file_name,type,loan_reference,borrower,borrower_identifier_masked,sha256,size_bytes,submitted_at_utc,submitted_at_asia_shanghai,status,block_number,tx_hash\r\n',
    );
    const audit = await platform.services.prisma.auditEntry.findFirst({ where: { action: 'evidence.export', actorUserId: platform.lenderA.userId }, orderBy: { sequence: 'desc' } });
    expect(audit?.details).toMatchObject({ filters: 'borrower=%E8%B5%B5%E4%B8%80' });
    await expect(csvOf(platform.lenderA, { from: '2026-11-25', to: '2026-11-01' })).rejects.toBeInstanceOf(InvalidRequestError);
  });
});
