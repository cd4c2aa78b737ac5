import { describe, expect, it } from 'vitest';
import type { VerificationReportDocument } from './get-verification-report';
import { renderVerificationReportCsv } from './render-verification-report-csv';

const report: VerificationReportDocument = {
  id: 'r-1',
  createdAt: new Date('2026-03-01T01:02:03.000Z'),
  passed: false,
  itemCount: 2,
  failedCount: 1,
  verifiedBy: { name: '林仲裁员 Arbitrator Lin', email: 'arbitrator@evident.demo' },
  case: { id: 'c-1', caseNumber: 'EVC-2026-000001', title: 't', lenderName: 'l', commissionName: 'c', borrowerName: 'b' },
  results: [
    {
      evidenceId: 'e-1',
      fileName: '合同, "final".pdf',
      title: '=HYPERLINK("http://x")',
      sha256: '0x00',
      passed: true,
      reason: null,
      message: 'ok',
      certificateSerial: 'EVD-1',
      storedFileChecked: true,
      checks: [{ id: 'chain-anchor', status: 'pass', message: 'anchored\non chain' }],
    },
    {
      evidenceId: 'e-2',
      fileName: 'b.txt',
      title: null,
      sha256: '0x01',
      passed: false,
      reason: 'not-anchored',
      message: 'Not anchored on chain yet.',
      certificateSerial: null,
      storedFileChecked: false,
      checks: [],
    },
  ],
};

describe('renderVerificationReportCsv', () => {
  // ignoreBOM: keep the BOM in the text, so the test sees it.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(renderVerificationReportCsv(report));
  const lines = text.split('\r\n');

  it('starts with a BOM and a bilingual header, one row per check and per unchecked item', () => {
    expect(text.startsWith('\uFEFF案件编号 Case number,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.match(/^EVC-2026-000001,/gm)).toHaveLength(2);
    expect(text).toContain('e-2,,b.txt,0x01,未通过 FAIL,,not-anchored,fail,Not anchored on chain yet.');
  });

  it('quotes commas, quotes and newlines, and defuses formulas', () => {
    expect(text).toContain('"合同, ""final"".pdf"');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain('"anchored\non chain"');
    expect(lines[0].split(',')).toHaveLength(13);
  });
});
