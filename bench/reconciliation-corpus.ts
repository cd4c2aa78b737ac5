// The mutated-corpus check of issue 17 at full size: a generated pair of 1,000,000-row days with every
// break class injected at 0.1% in both directions, committed, merge-joined, every finding compared
// with what was injected (false matches, missed and unexpected breaks), every break's proofs verified
// and every mutation of each proof refused. The suite runs the same checks at 20,000 rows
// (lib/reconciliation/mutated-corpus.test.ts; both use lib/testing/mutated-corpus.ts).
//   npx tsx bench/reconciliation-corpus.ts [rows=1000000] [rate=0.001]
// Files go under $RECON_BENCH_DIR (default a temporary directory), removed at the end. Exit code 1
// when any check failed.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { buildCorpusDay, checkCorpusProofs, compareWithInjected } from '../lib/testing/mutated-corpus';

const rows = Number(process.argv[2] ?? 1_000_000);
const rate = Number(process.argv[3] ?? 0.001);
const dir = mkdtempSync(join(process.env.RECON_BENCH_DIR ?? os.tmpdir(), 'recon-corpus-'));
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

try {
  let started = performance.now();
  const day = await buildCorpusDay({ dir, rows, rate });
  console.log(`day: ${rows.toLocaleString('en')} rows per side, rate ${rate}; generated, committed and merge-joined in ${seconds(started)} s`);
  const findings = compareWithInjected(day);
  console.log('injected per class:', JSON.stringify(findings.injectedPerClass));
  console.log('found per class:   ', JSON.stringify(findings.foundPerClass));
  console.log(`keys classified: ${findings.classifiedKeys} of ${findings.expectedKeys}`);
  console.log(`false matches or wrong class (injected, not found as injected): ${findings.missed.length}`);
  console.log(`unexpected breaks (found, not injected): ${findings.unexpected.length}`);
  for (const line of [...findings.missed, ...findings.unexpected].slice(0, 10)) console.log(`  ${line}`);
  started = performance.now();
  const proofs = checkCorpusProofs(day);
  console.log(`proofs: ${proofs.proofs} minted and verified, ${proofs.refused.length} refused; mutations: ${proofs.mutations} made, ${proofs.accepted.length} accepted (${seconds(started)} s)`);
  for (const line of [...proofs.refused, ...proofs.accepted].slice(0, 10)) console.log(`  ${line}`);
  day.close();
  const failed = findings.missed.length + findings.unexpected.length + proofs.refused.length + proofs.accepted.length + (findings.classifiedKeys === findings.expectedKeys ? 0 : 1);
  console.log(failed === 0 ? 'PASS: 0 false matches, every injected break found, every proof verified, every mutation refused' : `FAIL: ${failed} problem(s)`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
