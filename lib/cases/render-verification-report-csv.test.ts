import { describe, expect, it } from 'vitest';
import type { VerificationReportDocument } from './get-verification-report';
import { renderVerificationReportCsv } from './render-verification-report-csv';
import { loadReportWording } from './report-wording';

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
      checks: [
        { id: 'chain-anchor', status: 'pass', message: 'anchored\non chain' },
        { id: 'revocation', status: 'pass', message: 'The issuer reports certificate EVD-1 as not revoked.', code: 'revocation.not-revoked', params: { serial: 'EVD-1' } },
      ],
      provenance: null,
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
      provenance: null,
    },
  ],
  reconciliation: [],
};

describe('renderVerificationReportCsv', async () => {
  // ignoreBOM: keep the BOM in the text, so the test sees it.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(renderVerificationReportCsv(report, await loadReportWording()));
  const lines = text.split('\r\n');

  it('starts with a BOM and a bilingual header, one row per check and per unchecked item', () => {
    expect(text.startsWith('\uFEFF案件编号 Case number,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.match(/^EVC-2026-000001,/gm)).toHaveLength(3);
    expect(text).toContain('e-2,,b.txt,0x01,未通过 Failed,,not-anchored,fail,尚未上链，链上没有可供核验的记录。,"Not anchored on chain yet, so there is nothing on chain to check it against."');
  });

  it('explains each check in Chinese and in English', () => {
    expect(text).toContain('EVD-1,revocation,pass,签发方确认证书 EVD-1 未被吊销。,The issuer reports certificate EVD-1 as not revoked.');
    // A check stored before checks had codes keeps its English sentence in both columns.
    expect(text).toContain('通过 Passed,EVD-1,chain-anchor,pass,"anchored\non chain","anchored\non chain"');
  });

  it('quotes commas, quotes and newlines, and defuses formulas', () => {
    expect(text).toContain('"合同, ""final"".pdf"');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[0].split(',')).toHaveLength(14);
  });
});

describe('renderVerificationReportCsv with a reconciliation certificate', async () => {
  const withCertificate: VerificationReportDocument = {
    ...report,
    itemCount: 3,
    reconciliation: [
      {
        serial: 'RCN-7',
        businessDate: '2026-12-01',
        class: 'field-mismatch',
        pairName: 'Bank A / Bank B',
        sha256: '0xab',
        passed: false,
        message: 'Bank B side on chain differs.',
        checks: [{ id: 'signature', status: 'pass', message: 'Signed by the pinned issuer.' }],
        chain: [
          { bank: 'A', status: 'pass', message: "Bank A's side is the one anchored on chain 31337 (ReconciliationAnchor 0x01) in block 9: same root, row count and receipt." },
          { bank: 'B', status: 'fail', message: "Bank B's side on chain 31337 (ReconciliationAnchor 0x01) differs from the attested one (root, row count or receipt)." },
        ],
      },
    ],
  };
  const text = new TextDecoder().decode(renderVerificationReportCsv(withCertificate, await loadReportWording()));

  it('lists the certificate with its serial and hash, its checks, then each attested side against the chain in both languages', () => {
    const rows = text.split('\r\n').filter((line) => line.includes('RCN-7'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(',,对账证书 · Bank A / Bank B · 2026-12-01 · 字段不一致 Reconciliation certificate · Bank A / Bank B · 2026-12-01 · field mismatch,,0xab,未通过 Failed,RCN-7,signature,pass,');
    expect(rows[1]).toContain('RCN-7,chain-side-A,pass,A 方对账数据与链上记录一致。,"Bank A\'s side is the one anchored on chain 31337 (ReconciliationAnchor 0x01) in block 9: same root, row count and receipt."');
    expect(rows[2]).toContain('RCN-7,chain-side-B,fail,B 方对账数据未能与链上记录核对一致。,');
  });
});
