// A day's signed documents and breaks as files a bank keeps and checks on its own
// (GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/export?document=…, and the lender
// portal's day page): each side's receipt and the statement exactly as Evident signed them (§9, §10),
// the break list as the JSON array `breaks.sha256` is taken over (§10: RFC 8785 of it gives that
// digest), and the same breaks as CSV for a spreadsheet. Only the pair's two banks; recorded in the
// audit log, as every export is.
import { z } from 'zod';
import { recordAuditEvent } from '../audit/append-audit-entry';
import { authorize } from '../auth/authorize';
import { auditActorOf, type ApiKeyViewer, type StaffViewer, type Viewer } from '../auth/viewer';
import { CSV_BOM, csvLine } from '../csv/csv-line';
import type { PrismaClient } from '../db/client';
import { ReconciliationDayNotFoundError } from '../errors';
import { toHex } from '../proof/hex';
import { parseBusinessDate } from './business-day-window';
import { loadMemberPair } from './load-member-pair';
import type { StatementBreak } from './reconciliation-statement';
import { BREAK_CLASS_FROM_DB } from './reconciliation-views';

export const DAY_EXPORT_DOCUMENTS = ['statement', 'breaks', 'breaks-csv', 'receipt-a', 'receipt-b'] as const;
export type DayExportDocument = (typeof DAY_EXPORT_DOCUMENTS)[number];

export const dayExportQuerySchema = z.strictObject({
  document: z
    .enum(DAY_EXPORT_DOCUMENTS)
    .describe(
      'Which file: `statement` (the signed statement, §10), `breaks` (the break list whose RFC 8785 SHA-256 is the statement\'s `breaks.sha256`), ' +
        '`breaks-csv` (the same breaks with their carry-over, for a spreadsheet), `receipt-a` / `receipt-b` (a side\'s signed receipt, §9).',
    ),
});

export interface DayExport {
  fileName: string;
  contentType: string;
  chunks: AsyncIterable<string>;
}

/** Rows read per query while a break list streams out. */
const PAGE = 10_000;

const CSV_COLUMNS = ['ordinal', 'class', 'key', 'fields', 'rule', 'index_a', 'index_b', 'closed_by_timing_on', 'closes_break_of'];

export async function exportReconciliationDay({
  prisma,
  viewer,
  pairId,
  businessDate: rawDate,
  document,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  businessDate: string;
  document: DayExportDocument;
}): Promise<DayExport> {
  authorize(viewer, 'reconciliation.read');
  const { pair } = await loadMemberPair({ prisma, viewer: viewer as StaffViewer | ApiKeyViewer, pairId });
  const businessDate = parseBusinessDate(rawDate);
  const baseName = `evident-reconciliation-${pair.id.slice(0, 8)}-${businessDate}`;
  let result: DayExport;
  if (document === 'receipt-a' || document === 'receipt-b') {
    const bank = document === 'receipt-a' ? 'A' : 'B';
    const side = await prisma.reconciliationSide.findUnique({
      where: { pairId_businessDate_bank: { pairId: pair.id, businessDate, bank } },
      select: { receipt: true },
    });
    if (!side) throw new ReconciliationDayNotFoundError(pair.id, businessDate);
    result = { fileName: `${baseName}-receipt-${bank}.json`, contentType: 'application/json; charset=utf-8', chunks: once(side.receipt) };
  } else {
    const statement = await prisma.reconciliationStatement.findUnique({
      where: { pairId_businessDate: { pairId: pair.id, businessDate } },
      select: { id: true, canonicalJson: true, signature: true },
    });
    if (!statement) throw new ReconciliationDayNotFoundError(pair.id, businessDate);
    if (document === 'statement') {
      const signed = { ...JSON.parse(statement.canonicalJson), signature: { scheme: 'eip712', value: statement.signature } };
      result = { fileName: `${baseName}-statement.json`, contentType: 'application/json; charset=utf-8', chunks: once(`${JSON.stringify(signed, null, 2)}\n`) };
    } else if (document === 'breaks') {
      result = { fileName: `${baseName}-breaks.json`, contentType: 'application/json; charset=utf-8', chunks: breakListJson(prisma, statement.id) };
    } else {
      result = { fileName: `${baseName}-breaks.csv`, contentType: 'text/csv; charset=utf-8', chunks: breaksCsv(prisma, statement.id) };
    }
  }
  await recordAuditEvent(prisma, {
    actor: auditActorOf(viewer),
    action: 'reconciliation.export',
    targetType: 'reconciliation_day',
    targetId: `${pair.id}/${businessDate}`,
    details: { pairId: pair.id, businessDate, document },
  });
  return result;
}

async function* once(text: string): AsyncIterable<string> {
  yield text;
}

type BreakRow = Awaited<ReturnType<typeof pageOf>>[number];

async function pageOf(prisma: PrismaClient, statementId: string, after: number) {
  return prisma.reconciliationBreak.findMany({ where: { statementId, ordinal: { gt: after } }, orderBy: { ordinal: 'asc' }, take: PAGE });
}

async function* breakRows(prisma: PrismaClient, statementId: string): AsyncIterable<BreakRow> {
  let after = -1;
  for (;;) {
    const rows = await pageOf(prisma, statementId, after);
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].ordinal;
  }
}

/** The list exactly as §10 defines its entries, in key order (the ordinal), one entry a line. */
async function* breakListJson(prisma: PrismaClient, statementId: string): AsyncIterable<string> {
  let first = true;
  yield '[';
  for await (const row of breakRows(prisma, statementId)) {
    const entry: StatementBreak = {
      class: BREAK_CLASS_FROM_DB[row.breakClass],
      key: toHex(row.key),
      fields: row.fields,
      rule: row.rule,
      indexA: row.indexA,
      indexB: row.indexB,
    };
    yield `${first ? '\n' : ',\n'}  ${JSON.stringify(entry)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

async function* breaksCsv(prisma: PrismaClient, statementId: string): AsyncIterable<string> {
  yield CSV_BOM + csvLine(CSV_COLUMNS);
  for await (const row of breakRows(prisma, statementId)) {
    yield csvLine([
      String(row.ordinal),
      BREAK_CLASS_FROM_DB[row.breakClass],
      toHex(row.key),
      row.fields.join(' '),
      row.rule ?? '',
      row.indexA === null ? '' : String(row.indexA),
      row.indexB === null ? '' : String(row.indexB),
      row.closedByDate ?? '',
      row.closesDate ?? '',
    ]);
  }
}
