// Two reconciled days for the demo lenders' co-lending pair, so a fresh demo shows receipts, draft
// statements and breaks of every class. Committed through the real upload service, as the demo banks'
// staff, each file the morning after its business date; the second bank's statement has breaks
// injected (only on A, only on B, fields that differ, a split rounding the pair's rule absorbs), and
// a few rows of the first day are booked by one bank on the second, so the second day shows timing
// breaks closing the first day's (§5.4).
import { Readable } from 'node:stream';
import { loadUserViewer } from '../auth/load-user-viewer';
import type { Issuer } from '../certificates/load-issuer';
import type { PrismaClient } from '../db/client';
import { commitStatementUpload } from '../reconciliation/commit-statement-upload';
import { generateStatementRows, rowsToCsv } from '../reconciliation/generate-statement-rows';
import { injectBreaks, injectTimingBreaks } from '../reconciliation/inject-breaks';
import { DEMO_RECONCILIATION_DAYS, DEMO_RECONCILIATION_PAIR } from './demo-consortium';

export async function seedDemoReconciliationDays({
  prisma,
  storageDir,
  issuer,
  keySecret,
  log,
}: {
  prisma: PrismaClient;
  storageDir: string;
  issuer: Issuer;
  keySecret: string;
  log: (line: string) => void;
}): Promise<void> {
  const pair = await prisma.reconciliationPair.findUniqueOrThrow({ where: { name: DEMO_RECONCILIATION_PAIR.name } });
  const [bankA, bankB] = await Promise.all(
    ['lender-a@evident.demo', 'lender-b@evident.demo'].map((email) => loadUserViewer({ prisma, user: { email }, ipAddress: null })),
  );
  if (bankA?.kind !== 'staff' || bankB?.kind !== 'staff') throw new Error('The demo lenders are not seeded.');
  const days = DEMO_RECONCILIATION_DAYS.map((businessDate, i) =>
    injectBreaks({ rows: generateStatementRows({ count: 240, seed: 2026 + i, date: businessDate }), rate: 0.05, seed: 11 + i }),
  );
  // The demo days are consecutive: the first's late bookings land on the second.
  const carried = injectTimingBreaks({ day: days[0], next: days[1], count: 4, seed: 13, nextDate: DEMO_RECONCILIATION_DAYS[1] });
  const sides = [carried.day, carried.next];
  for (const [i, businessDate] of DEMO_RECONCILIATION_DAYS.entries()) {
    const { a, b } = sides[i];
    const morningAfter = new Date(`${businessDate}T00:00:00Z`);
    morningAfter.setUTCDate(morningAfter.getUTCDate() + 1);
    morningAfter.setUTCHours(1);
    for (const [viewer, rows] of [[bankA, a], [bankB, b]] as const) {
      await commitStatementUpload({
        prisma,
        viewer,
        pairId: pair.id,
        businessDate,
        contentType: 'text/csv',
        body: Readable.from([Buffer.from(rowsToCsv(rows))]),
        idempotencyKey: null,
        storageDir,
        maxBytes: 1 << 24,
        keySecret,
        issuer,
        now: () => morningAfter,
      });
    }
  }
  log(`  the co-lending pair has ${DEMO_RECONCILIATION_DAYS.length} reconciled demo days (${DEMO_RECONCILIATION_DAYS.join(', ')}) with breaks, ${carried.timing.length} of them booked a day late (timing on ${DEMO_RECONCILIATION_DAYS[1]})`);
}
