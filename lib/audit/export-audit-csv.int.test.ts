// The regulator's CSV export on a real database: who may export, the filters it shares with the
// page, RFC 4180 quoting with Chinese text, the byte order mark Excel needs, neutralised formulas,
// and the export itself entering the log.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousViewer, type ApiKeyViewer, type BorrowerViewer, type StaffViewer } from '../auth/viewer';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { recordAuditEvent } from './append-audit-entry';
import { parseAuditFilters } from './audit-filters';
import { exportAuditCsv } from './export-audit-csv';
import { getAuditLog } from './get-audit-log';

let services: TestServices;
let regulator: StaffViewer;
let lenderOrg: { id: string; name: string };

beforeAll(async () => {
  services = await startTestServices();
  const regulatorOrg = await services.prisma.organization.create({ data: { id: randomUUID(), name: '地方金融监督管理局', type: 'regulator' } });
  lenderOrg = await services.prisma.organization.create({ data: { id: randomUUID(), name: '示例小额贷款有限公司', type: 'lender' } });
  regulator = {
    kind: 'staff',
    userId: randomUUID(),
    email: 'regulator@evident.test',
    name: '监管员',
    role: 'member',
    organizationId: regulatorOrg.id,
    organizationType: 'regulator',
    organizationName: regulatorOrg.name,
    ipAddress: '198.51.100.20',
  };
  await recordAuditEvent(services.prisma, {
    actor: { userId: null, label: 'lender@evident.test', organizationId: lenderOrg.id, ipAddress: '203.0.113.5' },
    action: 'evidence.download',
    targetType: 'evidence',
    targetId: 'line one\nline two',
    details: { fileName: '借款合同 "第1期", 张伟.pdf' },
  });
  await recordAuditEvent(services.prisma, {
    actor: { userId: null, label: '=HYPERLINK("http://evil.example")', organizationId: null, ipAddress: '203.0.113.6' },
    action: 'auth.sign_in_failed',
  });
});

afterAll(async () => {
  await services?.stop();
});

async function exportText(filters: Record<string, string>) {
  const csv = await exportAuditCsv({ prisma: services.prisma, viewer: regulator, filters: parseAuditFilters(new URLSearchParams(filters)) });
  let text = '';
  for await (const chunk of csv.chunks) text += chunk;
  return { fileName: csv.fileName, text };
}

describe('exportAuditCsv', () => {
  it('writes a BOM, a header, CRLF lines, quoted Chinese text and both hashes', async () => {
    const { fileName, text } = await exportText({ action: 'evidence.download' });
    expect(fileName).toMatch(/^evident-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(text.startsWith('\uFEFFsequence,occurred_at_utc,occurred_at_asia_shanghai,actor,')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(3);
    const row = lines[1];
    expect(row).toContain(',lender@evident.test,');
    expect(row).toContain(`,${lenderOrg.id},示例小额贷款有限公司,evidence.download,evidence,`);
    // A line break stays inside its quoted field; JSON's own quotes are doubled.
    expect(row).toContain(',evidence,"line one\nline two",203.0.113.5,');
    expect(row).toContain(',"{""fileName"":""借款合同 \\""第1期\\"", 张伟.pdf""}",');
    expect(row).toMatch(/,0x[0-9a-f]{64},0x[0-9a-f]{64}$/);
  });

  it('neutralises a value a spreadsheet would run as a formula', async () => {
    const { text } = await exportText({ action: 'auth.sign_in_failed' });
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"")",`);
  });

  it('applies the page’s filters: organization, actor text and Beijing calendar days', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
    const rows = async (filters: Record<string, string>) => (await exportText(filters)).text.split('\r\n').length - 2;
    expect(await rows({ organizationId: lenderOrg.id })).toBe(1);
    expect(await rows({ actor: 'LENDER@' })).toBe(1);
    expect(await rows({ from: today, to: today, action: 'auth.sign_in_failed' })).toBe(1);
    expect(await rows({ from: tomorrow })).toBe(0);
  });

  it('records the export in the log, after the rows it exports', async () => {
    const before = await services.prisma.auditEntry.count({ where: { action: 'audit.export' } });
    const { text } = await exportText({});
    expect(await services.prisma.auditEntry.count({ where: { action: 'audit.export' } })).toBe(before + 1);
    const lastExport = await services.prisma.auditEntry.findFirstOrThrow({ where: { action: 'audit.export' }, orderBy: { sequence: 'desc' } });
    expect(lastExport.actorLabel).toBe(regulator.email);
    expect(text).not.toContain(`\r\n${lastExport.sequence},`);
  });

  it('is refused to anyone but the regulator and the operator', async () => {
    const borrower: BorrowerViewer = { kind: 'borrower', userId: randomUUID(), email: 'b@evident.test', name: '张伟', borrowerId: randomUUID(), ipAddress: null };
    const apiKey: ApiKeyViewer = { kind: 'api-key', apiKeyId: randomUUID(), prefix: 'abcd1234', organizationId: lenderOrg.id, organizationType: 'lender', ipAddress: null };
    const lender: StaffViewer = { ...regulator, organizationId: lenderOrg.id, organizationType: 'lender', organizationName: lenderOrg.name };
    const filters = parseAuditFilters(new URLSearchParams());
    for (const viewer of [borrower, apiKey, lender]) {
      await expect(exportAuditCsv({ prisma: services.prisma, viewer, filters })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getAuditLog({ prisma: services.prisma, viewer, filters })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(exportAuditCsv({ prisma: services.prisma, viewer: anonymousViewer(), filters })).rejects.toBeInstanceOf(UnauthorizedError);
    const operator: StaffViewer = { ...regulator, organizationType: 'operator' };
    await expect(getAuditLog({ prisma: services.prisma, viewer: operator, filters })).resolves.toMatchObject({ page: 1 });
  });

  it('refuses malformed filters as a bad request', () => {
    expect(() => parseAuditFilters(new URLSearchParams({ from: '25/11/2026' }))).toThrow(/from/);
    expect(() => parseAuditFilters(new URLSearchParams({ action: 'drop.table' }))).toThrow(/action/);
  });
});
