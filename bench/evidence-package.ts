// Exporting a case's evidence package: a case of N file items with S bytes of originals in all
// (random bytes, stored as uploads store them), anchored, filed and verified (setup, not timed);
// then the package is exported through openCasePackage and read to the end, against reading the same
// originals with `cat` in the same run. Prints time, throughput (both) and peak RSS growth while
// exporting. Target (issue #14): at least 50% of cat's throughput, RSS growth at most 64 MB.
// `--runs=K` alternates cat and the export K times (the machine is shared: compare within a run);
// `--profile=FILE` writes a V8 CPU profile (.cpuprofile) of the last timed export.
// Filing takes at most MAX_EVIDENCE_PER_CASE items; a larger bench case gets the rest linked directly.
//   npx tsx bench/evidence-package.ts [items=1000] [totalMiB=2048] [--runs=3] [--profile=FILE]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { Readable } from 'node:stream';
import { MAX_EVIDENCE_PER_CASE } from '../lib/cases/case-schemas';
import { fileCase } from '../lib/cases/file-case';
import { issueCertificate } from '../lib/certificates/issue-certificate';
import { startCaseFixture } from '../lib/cases/case-test-fixture';
import { recordEvidence } from '../lib/evidence/record-evidence';
import { openCasePackage } from '../lib/evidence-package/open-case-package';
import { storedFilePath, storeStream } from '../lib/storage/store-stream';

const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const items = Number(positional[0] ?? 1000);
const totalMiB = Number(positional[1] ?? 2048);
const runs = Number(option('runs') ?? 3);
const profileFile = option('profile');
const bytesPerItem = Math.floor((totalMiB * 1024 * 1024) / items);

const f = await startCaseFixture();
try {
  const prisma = f.services.prisma;
  const lender = await f.staff('lender-a@evident.demo');
  const borrowerId = await f.borrowerId('borrower-1@evident.demo');
  const storageKeys: string[] = [];
  const ids: string[] = [];
  const setupStart = performance.now();
  for (let i = 0; i < items; i++) {
    const chunk = randomBytes(Math.min(bytesPerItem, 1 << 20));
    const parts = Math.ceil(bytesPerItem / chunk.length);
    const source = Readable.from((function* () {
      for (let p = 0; p < parts; p++) yield p === parts - 1 ? chunk.subarray(0, bytesPerItem - p * chunk.length) : Buffer.concat([chunk, Buffer.from([p & 0xff, i & 0xff])]).subarray(0, chunk.length);
    })());
    const stored = await storeStream({ storageDir: f.services.config.storageDir, source, maxBytes: bytesPerItem + 1 });
    const recorded = await recordEvidence({
      prisma, sha256: stored.sha256, size: stored.size, storageKey: stored.storageKey,
      fileName: `还款记录-${i}.bin`, mediaType: 'application/octet-stream', organizationId: lender.organizationId, evidenceType: 'repayment_record',
    });
    await prisma.evidence.update({ where: { id: recorded.id }, data: { borrowerId, title: `Item ${i}`, submittedByUserId: lender.userId } });
    storageKeys.push(stored.storageKey);
    ids.push(recorded.id);
  }
  await f.anchorAll();
  const filed = await fileCase({
    prisma, viewer: lender,
    input: { commissionOrganizationId: await f.commissionId(), borrowerId, title: 'Bench case', evidenceIds: ids.slice(0, MAX_EVIDENCE_PER_CASE) },
    borrowerIdSalt: f.services.secrets.borrowerIdSalt,
  });
  await prisma.caseEvidence.createMany({ data: ids.slice(MAX_EVIDENCE_PER_CASE).map((evidenceId) => ({ caseId: filed.id, evidenceId })) });
  // Certificates issued one at a time ahead (setup): the export's first issue runs eight at once, and
  // at a load average near 20 one of those transactions outlived Prisma's 5 s interactive timeout.
  for (const id of ids) await issueCertificate({ prisma, evidenceId: id, issuer: f.issuer });
  console.log(`setup: ${items} items, ${(items * bytesPerItem / 2 ** 20).toFixed(0)} MiB of originals, ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);

  // The same originals with cat, caches warm for both (the export reads them after cat).
  const paths = storageKeys.map((key) => storedFilePath(f.services.config.storageDir, key));
  const cat = () => {
    const start = performance.now();
    for (let i = 0; i < paths.length; i += 200) execFileSync('sh', ['-c', 'cat "$@" > /dev/null', 'cat', ...paths.slice(i, i + 200)]);
    return (performance.now() - start) / 1000;
  };

  const exportOnce = async () => {
    const opened = await openCasePackage({
      prisma, viewer: lender, caseId: filed.id, issuer: f.issuer, storageDir: f.services.config.storageDir, publicBaseUrl: 'http://bench.invalid',
    });
    let bytes = 0;
    let peak = process.memoryUsage().rss;
    let chunks = 0;
    const reader = opened.stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (++chunks % 64 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    return { bytes, peak };
  };
  // The first export issues the certificates and renders their PDFs (stored, then re-issued
  // identically and read from the PDF cache); the runs after it are timed.
  const firstStart = performance.now();
  await exportOnce();
  console.log(`first export (issues certificates, renders PDFs): ${((performance.now() - firstStart) / 1000).toFixed(1)} s`);

  const originalsMiB = (items * bytesPerItem) / 2 ** 20;
  const shares: number[] = [];
  const session = profileFile ? new Session() : undefined;
  for (let r = 1; r <= runs; r++) {
    const catSeconds = cat();
    global.gc?.();
    const profiling = session && r === runs;
    if (profiling) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const rssBefore = process.memoryUsage().rss;
    const start = performance.now();
    const { bytes, peak } = await exportOnce();
    const seconds = (performance.now() - start) / 1000;
    if (profiling) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(profileFile!, JSON.stringify(profile));
      session.disconnect();
    }
    const mib = bytes / 2 ** 20;
    const share = catSeconds / seconds;
    shares.push(share);
    console.log(`run ${r}: cat of the originals ${catSeconds.toFixed(2)} s, ${(originalsMiB / catSeconds).toFixed(0)} MiB/s; ` +
      `package export ${mib.toFixed(0)} MiB in ${seconds.toFixed(2)} s, ${(mib / seconds).toFixed(0)} MiB/s ` +
      `(${(share * 100).toFixed(0)}% of cat), peak RSS growth ${((peak - rssBefore) / 2 ** 20).toFixed(1)} MiB`);
  }
  const median = [...shares].sort((a, b) => a - b)[Math.floor(shares.length / 2)]!;
  console.log(`median over ${runs} runs: ${(median * 100).toFixed(0)}% of cat (target: at least 50%)`);
} finally {
  await f.stop();
}
