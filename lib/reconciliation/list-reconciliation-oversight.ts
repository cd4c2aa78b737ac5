// The regulator's view of reconciliation (the /audit/reconciliation page): every co-lending pair and
// its latest business dates, with when each bank's side was committed, its root and row count, and
// the statement's SHA-256, counts per class, match rate and each bank's sign-off with its delay. No row, key or amount: a regulator sees
// that the banks reconciled and how well, not the loans (issue #17, "no loan data").
import { authorize } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { toHex } from '../proof/hex';

export interface OversightSide {
  committedAt: Date;
  rowCount: number;
  root: string;
}

export interface OversightDay {
  businessDate: string;
  sides: { a: OversightSide | null; b: OversightSide | null };
  statement: {
    sha256: string;
    status: string;
    draftedAt: Date;
    counts: { matched: number; matchedWithinTolerance: number; onlyA: number; onlyB: number; fieldMismatch: number; timing: number };
    controlTotalDifferences: number;
    /** Keys matched (plainly, within a named tolerance rule, or a day late) over all keys of the day; null for an empty day. */
    matchRate: number | null;
    /** Each bank's sign-off so far: its decision and how long after drafting it came (no objections text). */
    signOffs: Array<{ bank: 'A' | 'B'; decision: 'agreed' | 'disputed'; delayMs: number }>;
    /** When it was escalated for not being signed off in time; null: not escalated. */
    escalatedAt: Date | null;
  } | null;
}

export interface OversightPair {
  id: string;
  name: string;
  lenderA: string;
  lenderB: string;
  cutOffTime: string;
  days: OversightDay[];
}

export async function listReconciliationOversight({
  prisma,
  viewer,
  daysPerPair = 14,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  daysPerPair?: number;
}): Promise<OversightPair[]> {
  authorize(viewer, 'reconciliation.oversee');
  const pairs = await prisma.reconciliationPair.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, cutOffTime: true, lenderA: { select: { name: true } }, lenderB: { select: { name: true } } },
  });
  return Promise.all(
    pairs.map(async (pair) => {
      const sides = await prisma.reconciliationSide.findMany({
        where: { pairId: pair.id },
        select: { businessDate: true, bank: true, committedAt: true, rowCount: true, root: true },
        orderBy: { businessDate: 'desc' },
        take: 2 * daysPerPair,
      });
      const dates = [...new Set(sides.map((side) => side.businessDate))].slice(0, daysPerPair);
      const statements = await prisma.reconciliationStatement.findMany({
        where: { pairId: pair.id, businessDate: { in: dates } },
        select: {
          businessDate: true,
          sha256: true,
          status: true,
          draftedAt: true,
          escalatedAt: true,
          matched: true,
          matchedWithinTolerance: true,
          onlyA: true,
          onlyB: true,
          fieldMismatch: true,
          timing: true,
          controlTotalDifferences: true,
          signOffs: { where: { party: { in: ['A', 'B'] } }, select: { party: true, decision: true, signedAt: true } },
        },
      });
      const sideOf = (date: string, bank: 'A' | 'B'): OversightSide | null => {
        const side = sides.find((s) => s.businessDate === date && s.bank === bank);
        return side ? { committedAt: side.committedAt, rowCount: side.rowCount, root: toHex(side.root) } : null;
      };
      const days = dates.map((businessDate): OversightDay => {
        const statement = statements.find((s) => s.businessDate === businessDate);
        if (!statement) return { businessDate, sides: { a: sideOf(businessDate, 'A'), b: sideOf(businessDate, 'B') }, statement: null };
        const counts = {
          matched: statement.matched,
          matchedWithinTolerance: statement.matchedWithinTolerance,
          onlyA: statement.onlyA,
          onlyB: statement.onlyB,
          fieldMismatch: statement.fieldMismatch,
          timing: statement.timing,
        };
        // A timing key is on both sides by this day (booked a day late by one bank): reconciled, late.
        const keys = counts.matched + counts.matchedWithinTolerance + counts.onlyA + counts.onlyB + counts.fieldMismatch + counts.timing;
        return {
          businessDate,
          sides: { a: sideOf(businessDate, 'A'), b: sideOf(businessDate, 'B') },
          statement: {
            sha256: toHex(statement.sha256),
            status: statement.status,
            draftedAt: statement.draftedAt,
            counts,
            controlTotalDifferences: statement.controlTotalDifferences,
            matchRate: keys === 0 ? null : (counts.matched + counts.matchedWithinTolerance + counts.timing) / keys,
            signOffs: statement.signOffs
              .map((signOff) => ({ bank: signOff.party as 'A' | 'B', decision: signOff.decision, delayMs: signOff.signedAt.getTime() - statement.draftedAt.getTime() }))
              .sort((x, y) => x.bank.localeCompare(y.bank)),
            escalatedAt: statement.escalatedAt,
          },
        };
      });
      return { id: pair.id, name: pair.name, lenderA: pair.lenderA.name, lenderB: pair.lenderB.name, cutOffTime: pair.cutOffTime, days };
    }),
  );
}
