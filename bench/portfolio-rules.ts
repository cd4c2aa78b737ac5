// The regulator's portfolio rule check (lib/reconciliation/check-pending-portfolio-rules.ts) over one
// side of N records on disk: the batcher's own path (SideRecordReader blocks of 8,192 records through
// PortfolioRuleChecker), three runs, the file in the page cache after the first. Records are synthetic
// (amounts, type and status only; the rules read nothing else), one in eight a disbursement.
//   npx tsx bench/portfolio-rules.ts [records=1000000]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PortfolioRuleChecker } from '../lib/reconciliation/portfolio-rules';
import { SideRecordReader } from '../lib/reconciliation/side-files';
import { RECORD_SHARE_A_FEN, RECORD_SHARE_B_FEN, RECORD_TOTAL_FEN, RECORD_TYPE, SIDE_RECORD_LENGTH } from '../lib/reconciliation/side-record';

const n = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(os.tmpdir(), 'portfolio-rules-'));
const path = join(dir, 'rows.bin');
try {
  const rows = new Uint8Array(n * SIDE_RECORD_LENGTH);
  const view = new DataView(rows.buffer);
  for (let i = 0; i < n; i++) {
    const at = i * SIDE_RECORD_LENGTH;
    const total = 1 + ((i * 7919) % 50_000_000);
    const shareA = Math.floor(total * 0.3);
    view.setBigUint64(at + RECORD_TOTAL_FEN, BigInt(total));
    view.setBigUint64(at + RECORD_SHARE_A_FEN, BigInt(shareA));
    view.setBigUint64(at + RECORD_SHARE_B_FEN, BigInt(total - shareA));
    rows[at + RECORD_TYPE] = i % 8 === 0 ? 0 : 1;
  }
  writeFileSync(path, rows);
  for (let run = 1; run <= 3; run++) {
    const checker = new PortfolioRuleChecker({ minShareABp: 3000, minShareBBp: 7000, maxLoanTotalFen: 40_000_000, maxDayDisbursedFen: 1 });
    const started = performance.now();
    const reader = new SideRecordReader(path, 8192);
    for (let cursor = reader.next(); cursor; cursor = reader.next()) checker.add(cursor.buffer, cursor.offset, reader.index);
    reader.close();
    const ms = performance.now() - started;
    const result = checker.result();
    console.log(
      `run ${run}: ${n} records (${((n * SIDE_RECORD_LENGTH) / 1e6).toFixed(0)} MB) in ${ms.toFixed(0)} ms, ${(n / ms / 1000).toFixed(2)} M records/s; ` +
        `${result.disbursementsChecked} disbursements, violations ${JSON.stringify(result.violations)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
