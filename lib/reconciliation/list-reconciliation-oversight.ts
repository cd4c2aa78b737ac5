// The regulator's view of reconciliation (the /audit/reconciliation page): every co-lending pair and
// its latest business dates, with when each bank's side was committed, its root and row count, the
// day's three ReconciliationAnchor transactions, the statement's SHA-256, counts per class, match
// rate and each bank's sign-off with its delay; each side's portfolio rule check with the thresholds
// it used and its violating records by matching key and leaf index; the pair's open breaks by class
// and age; and the regulator's own disclosure requests, with a disclosed record's values checked
// against the committed side (record-disclosure.ts). No amount or loan otherwise: a regulator sees
// that the banks reconciled and how well, not the loans (issue #17, "no loan data").
import { authorize, can } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { toHex } from '../proof/hex';
import { runQuery, sql } from '../db/sql';
import { verifyRecordDisclosure, type DisclosureVerdict, type RecordDisclosure } from './record-disclosure';
import type { PortfolioRule, RecordRule } from './portfolio-rules';
import type { ScopedRuleThresholds } from './resolve-rule-thresholds';
import { resolveRuleThresholds } from './resolve-rule-thresholds';

export interface OversightSide {
  committedAt: Date;
  rowCount: number;
  root: string;
}

/** One of the day's ReconciliationAnchor transactions (the newest of its kind, on any contract). */
export interface OversightTransaction {
  kind: 'side_a' | 'side_b' | 'statement';
  status: 'signed' | 'broadcast' | 'included' | 'reverted';
  txHash: string;
  blockNumber: string | null;
}

/** A side's portfolio rule check (check-pending-portfolio-rules.ts). */
export interface OversightRuleCheck {
  bank: 'A' | 'B';
  thresholds: ScopedRuleThresholds;
  rowsChecked: number;
  disbursementsChecked: number;
  disbursedFen: string;
  violations: Partial<Record<PortfolioRule, number>>;
  /** The first violating records, by leaf index: key and rule only. */
  records: Array<{ rule: RecordRule; leafIndex: number; key: string }>;
  checkedAt: Date;
}

export const BREAK_AGE_BUCKETS = ['upTo1', 'from2To7', 'from8To30', 'over30'] as const;
export type BreakAgeBucket = (typeof BREAK_AGE_BUCKETS)[number];
export const OPEN_BREAK_CLASSES = ['only_a', 'only_b', 'field_mismatch'] as const;
export type OpenBreakClass = (typeof OPEN_BREAK_CLASSES)[number];

export interface OversightDisclosure {
  id: string;
  businessDate: string;
  bank: 'A' | 'B';
  key: string;
  leafIndex: number;
  subject: string;
  reason: string;
  requestedAt: Date;
  requestedBy: string;
  status: 'requested' | 'disclosed' | 'declined';
  answeredAt: Date | null;
  declineReason: string | null;
  /** Once disclosed: each field's canonical value, and whether the opening checks against the side. */
  disclosed: { values: Array<{ field: string; value: string }>; verdict: DisclosureVerdict; sideRoot: string } | null;
}

export interface OversightDay {
  businessDate: string;
  sides: { a: OversightSide | null; b: OversightSide | null };
  transactions: OversightTransaction[];
  ruleChecks: OversightRuleCheck[];
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
  /** The thresholds in force for the pair's next check. */
  thresholds: ScopedRuleThresholds;
  /** Open breaks (only A, only B not closed by a timing break; field mismatches) per class and age since their business date. */
  breaksByAge: Record<OpenBreakClass, Record<BreakAgeBucket, number>>;
  /** The oldest open breaks, by key, side and leaf: what the regulator may ask a bank to disclose. */
  oldestOpenBreaks: Array<{ businessDate: string; breakClass: OpenBreakClass; key: string; banks: ReadonlyArray<'A' | 'B'> }>;
  /** The viewer's organization's disclosure requests for the pair (the regulator only; empty for the operator). */
  disclosures: OversightDisclosure[];
}

/** Days from a business date to today's date in Asia/Shanghai, into the page's buckets. */
export function breakAgeBucket(businessDate: string, now: Date): BreakAgeBucket {
  const today = Date.parse(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10));
  const days = Math.round((today - Date.parse(businessDate)) / 86_400_000);
  if (days <= 1) return 'upTo1';
  if (days <= 7) return 'from2To7';
  if (days <= 30) return 'from8To30';
  return 'over30';
}

const RECORDS_SHOWN_PER_CHECK = 20;
const OLDEST_OPEN_BREAKS_SHOWN = 10;

export async function listReconciliationOversight({
  prisma,
  viewer,
  daysPerPair = 14,
  now = new Date(),
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  daysPerPair?: number;
  now?: Date;
}): Promise<OversightPair[]> {
  authorize(viewer, 'reconciliation.oversee');
  const regulator = can(viewer, 'reconciliation.regulate');
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
      const [transactions, checks, openBreaks, oldestOpen, thresholds, disclosures] = await Promise.all([
        prisma.reconciliationAnchorTransaction.findMany({
          where: { pairId: pair.id, businessDate: { in: dates } },
          select: { businessDate: true, kind: true, status: true, txHash: true, blockNumber: true },
          orderBy: { signedAt: 'desc' },
        }),
        prisma.reconciliationRuleCheck.findMany({
          where: { pairId: pair.id, businessDate: { in: dates } },
          include: { records: { take: RECORDS_SHOWN_PER_CHECK, orderBy: [{ leafIndex: 'asc' }, { rule: 'asc' }] } },
          orderBy: { bank: 'asc' },
        }),
        runQuery(
          prisma,
          sql<{ class: OpenBreakClass; business_date: string; count: bigint }>`
            SELECT b.class::text AS class, t.business_date, count(*) AS count
            FROM reconciliation_break b JOIN reconciliation_statement t ON t.id = b.statement_id
            WHERE t.pair_id = ${pair.id}::uuid AND b.class IN ('only_a', 'only_b', 'field_mismatch') AND b.closed_by_date IS NULL
            GROUP BY b.class, t.business_date`,
        ),
        runQuery(
          prisma,
          sql<{ class: OpenBreakClass; business_date: string; key: Uint8Array }>`
            SELECT b.class::text AS class, t.business_date, b.key
            FROM reconciliation_break b JOIN reconciliation_statement t ON t.id = b.statement_id
            WHERE t.pair_id = ${pair.id}::uuid AND b.class IN ('only_a', 'only_b', 'field_mismatch') AND b.closed_by_date IS NULL
            ORDER BY t.business_date, b.ordinal LIMIT ${OLDEST_OPEN_BREAKS_SHOWN}`,
        ),
        resolveRuleThresholds({ prisma, pairId: pair.id }),
        regulator
          ? prisma.reconciliationDisclosureRequest.findMany({
              where: { pairId: pair.id, requestedByOrganizationId: viewer.organizationId },
              orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }],
              take: 50,
            })
          : Promise.resolve([]),
      ]);
      const breaksByAge = Object.fromEntries(
        OPEN_BREAK_CLASSES.map((cls) => [cls, Object.fromEntries(BREAK_AGE_BUCKETS.map((bucket) => [bucket, 0]))]),
      ) as OversightPair['breaksByAge'];
      for (const row of openBreaks) breaksByAge[row.class][breakAgeBucket(row.business_date, now)] += Number(row.count);
      const disclosedDays = disclosures.filter((d) => d.status === 'disclosed').map((d) => ({ pairId: pair.id, businessDate: d.businessDate, bank: d.bank }));
      const disclosedSides =
        disclosedDays.length === 0
          ? []
          : await prisma.reconciliationSide.findMany({ where: { OR: disclosedDays }, select: { businessDate: true, bank: true, root: true, rowCount: true } });
      const transactionsOf = (date: string): OversightTransaction[] =>
        (['side_a', 'side_b', 'statement'] as const).flatMap((kind) => {
          const tx = transactions.find((candidate) => candidate.businessDate === date && candidate.kind === kind);
          return tx ? [{ kind, status: tx.status, txHash: tx.txHash, blockNumber: tx.blockNumber === null ? null : String(tx.blockNumber) }] : [];
        });
      const ruleChecksOf = (date: string): OversightRuleCheck[] =>
        checks
          .filter((check) => check.businessDate === date)
          .map((check) => ({
            bank: check.bank,
            thresholds: check.thresholds as unknown as ScopedRuleThresholds,
            rowsChecked: check.rowsChecked,
            disbursementsChecked: check.disbursementsChecked,
            disbursedFen: String(check.disbursedFen),
            violations: check.violations as OversightRuleCheck['violations'],
            records: check.records.map((record) => ({ rule: record.rule as RecordRule, leafIndex: record.leafIndex, key: toHex(record.key) })),
            checkedAt: check.checkedAt,
          }));
      const sideOf = (date: string, bank: 'A' | 'B'): OversightSide | null => {
        const side = sides.find((s) => s.businessDate === date && s.bank === bank);
        return side ? { committedAt: side.committedAt, rowCount: side.rowCount, root: toHex(side.root) } : null;
      };
      const days = dates.map((businessDate): OversightDay => {
        const statement = statements.find((s) => s.businessDate === businessDate);
        const dayBase = {
          businessDate,
          sides: { a: sideOf(businessDate, 'A'), b: sideOf(businessDate, 'B') },
          transactions: transactionsOf(businessDate),
          ruleChecks: ruleChecksOf(businessDate),
        };
        if (!statement) return { ...dayBase, statement: null };
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
          ...dayBase,
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
      return {
        id: pair.id,
        name: pair.name,
        lenderA: pair.lenderA.name,
        lenderB: pair.lenderB.name,
        cutOffTime: pair.cutOffTime,
        days,
        thresholds,
        breaksByAge,
        oldestOpenBreaks: oldestOpen.map((row) => ({
          businessDate: row.business_date,
          breakClass: row.class,
          key: toHex(row.key),
          // A field mismatch is on both sides: either bank may be asked for its row.
          banks: row.class === 'only_a' ? (['A'] as const) : row.class === 'only_b' ? (['B'] as const) : (['A', 'B'] as const),
        })),
        disclosures: disclosures.map((request): OversightDisclosure => {
          const side = disclosedSides.find((candidate) => candidate.businessDate === request.businessDate && candidate.bank === request.bank);
          const disclosure = request.disclosure as unknown as RecordDisclosure | null;
          const key = toHex(request.key);
          return {
            id: request.id,
            businessDate: request.businessDate,
            bank: request.bank,
            key,
            leafIndex: request.leafIndex,
            subject: request.subject,
            reason: request.reason,
            requestedAt: request.requestedAt,
            requestedBy: request.requestedBy,
            status: request.status,
            answeredAt: request.answeredAt,
            declineReason: request.declineReason,
            disclosed:
              request.status === 'disclosed' && disclosure && side
                ? {
                    values: disclosure.fields.map(({ field, value }) => ({ field, value })),
                    verdict: verifyRecordDisclosure(disclosure, { side: { root: toHex(side.root), rowCount: side.rowCount }, key, leafIndex: request.leafIndex }),
                    sideRoot: toHex(side.root),
                  }
                : null,
          };
        }),
      };
    }),
  );
}
