// A day's breaks, in key order, a page at a time, optionally of one class, each with its carry-over:
// an only-A/only-B break the next day closed as timing, or a timing break and the day it closes
// (GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks?class=…&cursor=…). The
// cursor is opaque to clients: base64url of the last ordinal of the page.
import { authorize } from '../auth/authorize';
import type { ApiKeyViewer, StaffViewer, Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { InvalidRequestError, ReconciliationDayNotFoundError } from '../errors';
import { toHex } from '../proof/hex';
import { parseBusinessDate } from './business-day-window';
import { loadMemberPair } from './load-member-pair';
import type { BreakPage, BreaksQuery } from './reconciliation-schemas';
import { BREAK_CLASS_FROM_DB, BREAK_CLASS_TO_DB } from './reconciliation-views';

export async function listReconciliationBreaks({
  prisma,
  viewer,
  pairId,
  businessDate: rawDate,
  query,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  businessDate: string;
  query: BreaksQuery;
}): Promise<BreakPage> {
  authorize(viewer, 'reconciliation.read');
  const { pair } = await loadMemberPair({ prisma, viewer: viewer as StaffViewer | ApiKeyViewer, pairId });
  const businessDate = parseBusinessDate(rawDate);
  const statement = await prisma.reconciliationStatement.findUnique({
    where: { pairId_businessDate: { pairId: pair.id, businessDate } },
    select: { id: true },
  });
  if (!statement) throw new ReconciliationDayNotFoundError(pair.id, businessDate);
  const after = query.cursor === undefined ? -1 : decodeCursor(query.cursor);
  const rows = await prisma.reconciliationBreak.findMany({
    where: { statementId: statement.id, ordinal: { gt: after }, ...(query.class ? { breakClass: BREAK_CLASS_TO_DB[query.class] } : {}) },
    orderBy: { ordinal: 'asc' },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      ordinal: row.ordinal,
      class: BREAK_CLASS_FROM_DB[row.breakClass],
      key: toHex(row.key),
      fields: row.fields,
      rule: row.rule,
      indexA: row.indexA,
      indexB: row.indexB,
      closedBy: row.closedByDate === null ? null : { class: 'timing' as const, businessDate: row.closedByDate },
      closes: row.closesDate === null ? null : { businessDate: row.closesDate },
    })),
    nextCursor: rows.length > query.limit ? Buffer.from(String(page[page.length - 1].ordinal), 'utf8').toString('base64url') : null,
  };
}

function decodeCursor(cursor: string): number {
  const decoded = /^[A-Za-z0-9_-]{1,16}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!/^(0|[1-9][0-9]{0,9})$/.test(decoded)) {
    throw new InvalidRequestError('cursor: not a cursor this API returned; pass `nextCursor` from the previous page as is.');
  }
  return Number(decoded);
}
