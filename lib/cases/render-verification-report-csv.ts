// The verification report as a CSV for the case file: bilingual headers, one row per check of every
// item and of every reconciliation certificate, opening in Excel with Chinese intact (UTF-8 with BOM, CRLF rows, RFC 4180 quoting).
// Check ids and statuses stay codes (for filters and scripts); the explanation is in both languages.
import type { VerificationReportDocument } from './get-verification-report';
import type { ReportWording } from './report-wording';

const HEADER = [
  '案件编号 Case number',
  '报告编号 Report id',
  '核验时间 Verified at (UTC)',
  '核验人 Verified by',
  '证据编号 Evidence id',
  '证据名称 Title',
  '文件名 File name',
  'SHA-256',
  '证据结果 Item result',
  '证书编号 Certificate serial',
  '检查项 Check',
  '检查结果 Check result',
  '说明（中文） Explanation (Chinese)',
  '说明（英文） Explanation (English)',
];

export function renderVerificationReportCsv(report: VerificationReportDocument, wording: ReportWording): Uint8Array {
  const rows: string[][] = [HEADER];
  const common = [report.case.caseNumber, report.id, report.createdAt.toISOString(), `${report.verifiedBy.name} <${report.verifiedBy.email}>`];
  for (const item of report.results) {
    const itemCells = [
      item.evidenceId,
      item.title ?? '',
      item.fileName,
      item.sha256,
      bilingual(wording.itemResult(item.passed)),
      item.certificateSerial ?? '',
    ];
    if (item.checks.length === 0) {
      const { zh, en } = wording.itemExplanation(item);
      rows.push([...common, ...itemCells, item.reason ?? '', 'fail', zh, en]);
    }
    for (const check of item.checks) {
      const { zh, en } = wording.checkExplanation(check);
      rows.push([...common, ...itemCells, check.id, check.status, zh, en]);
    }
  }
  // A reconciliation certificate fills the same columns: no evidence id or file name, the
  // certificate file's SHA-256, its serial; then its checks, then each attested side against the chain.
  for (const certificate of report.reconciliation) {
    const itemCells = [
      '',
      bilingual(wording.reconciliationTitle(certificate)),
      '',
      certificate.sha256,
      bilingual(wording.itemResult(certificate.passed)),
      certificate.serial,
    ];
    for (const check of certificate.checks) {
      const { zh, en } = wording.checkExplanation(check);
      rows.push([...common, ...itemCells, check.id, check.status, zh, en]);
    }
    for (const side of certificate.chain) {
      const { zh, en } = wording.chainSide(side);
      rows.push([...common, ...itemCells, `chain-side-${side.bank}`, side.status, zh, en]);
    }
  }
  const text = rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
  return new TextEncoder().encode('\uFEFF' + text);
}

function bilingual({ zh, en }: { zh: string; en: string }): string {
  return `${zh} ${en}`;
}

function quote(cell: string): string {
  // A leading = + - @ would make a spreadsheet evaluate the cell; a quote mark keeps it text.
  const safe = /^[=+\-@]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
