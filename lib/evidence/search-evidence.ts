// The lender portal's evidence list: the viewer's evidence (always scoped by evidenceVisibleTo),
// filtered, searched and paged, newest first. Status is not a column but follows from the batch
// holding an item (lib/batches/batch-of-evidence.ts); each organization's batches cover contiguous
// ranges of its rows and only the last few are still on their way to the chain, so a status filter
// becomes a few sequence ranges per organization instead of a join over every row.
import { authorize, evidenceVisibleTo } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { db, runQuery } from '../db/sql';
import { toHex } from '../proof/hex';
import { endOfDisplayDay, isReversedDayRange, startOfDisplayDay } from '../i18n/display-day';
import { InvalidRequestError } from '../errors';
import { parseSha256Prefix, type EvidenceSearch } from './evidence-schemas';
import type { EvidenceView } from './evidence-view';
import { listItemsOf } from './list-items-of';

export const EVIDENCE_PAGE_SIZE = 20;

export interface EvidenceListItem extends EvidenceView {
  title: string | null;
  borrowerName: string | null;
  /** The masked identifier that tells two borrowers of one name apart. */
  borrowerIdentifierHint: string | null;
}

export interface EvidenceSearchResult {
  items: EvidenceListItem[];
  total: number;
  page: number;
  pageCount: number;
}

// Days in the form are China time (lib/i18n/locales.ts DISPLAY_TIME_ZONE), which has no daylight saving.

export async function searchEvidence({
  prisma,
  viewer,
  filters,
  pageSize = EVIDENCE_PAGE_SIZE,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  filters: EvidenceSearch;
  pageSize?: number;
}): Promise<EvidenceSearchResult> {
  const where = await evidenceSearchWhere({ prisma, viewer, filters });
  const total = await prisma.evidence.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filters.page, pageCount);
  const found = await prisma.evidence.findMany({
    where,
    orderBy: { sequence: 'desc' },
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: { id: true, title: true, borrower: { select: { name: true, identifierHint: true } } },
  });
  return { items: await listItemsOf(prisma, found), total, page, pageCount };
}

/** The condition for the filters, within what the viewer may see: the list and its CSV export share it. */
export async function evidenceSearchWhere({
  prisma,
  viewer,
  filters,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  filters: Omit<EvidenceSearch, 'page'>;
}): Promise<Prisma.EvidenceWhereInput> {
  authorize(viewer, 'evidence.read');
  const conditions: Prisma.EvidenceWhereInput[] = [evidenceVisibleTo(viewer)];
  const contains = (value: string) => ({ contains: value, mode: 'insensitive' as const });
  if (filters.q) {
    conditions.push({ OR: [{ title: contains(filters.q) }, { fileName: contains(filters.q) }, { loanReference: contains(filters.q) }] });
  }
  if (filters.type) conditions.push({ evidenceType: filters.type });
  if (filters.loanReference) conditions.push({ loanReference: contains(filters.loanReference) });
  if (filters.borrower) conditions.push({ borrower: { name: contains(filters.borrower) } });
  if (filters.borrowerId) conditions.push({ borrowerId: filters.borrowerId });
  if (filters.sha256) conditions.push(await sha256PrefixCondition(prisma, filters.sha256));
  if (filters.from) conditions.push({ submittedAt: { gte: startOfDisplayDay(filters.from) } });
  if (filters.to) conditions.push({ submittedAt: { lt: endOfDisplayDay(filters.to) } });
  if (filters.status) conditions.push(await statusCondition(prisma, filters.status));
  if (isReversedDayRange(filters.from, filters.to)) throw new InvalidRequestError('to: the day is before `from`, so the range holds no day.');
  return { AND: conditions };
}

/** Items whose SHA-256 starts with the prefix: a range scan on the sha256 index (Prisma has no
 * prefix match for bytes); the viewer's scope still applies to what it finds. */
async function sha256PrefixCondition(prisma: PrismaClient, raw: string): Promise<Prisma.EvidenceWhereInput> {
  const digits = parseSha256Prefix(raw);
  if (digits === null) throw new InvalidRequestError('sha256: give the start of the SHA-256 as 8 to 64 hex digits (0x optional).');
  const low = Buffer.from(digits.padEnd(64, '0'), 'hex');
  const high = Buffer.from(digits.padEnd(64, 'f'), 'hex');
  const rows = await runQuery(
    prisma,
    db.selectFrom('evidence').select((eb) => eb.cast<string>('id', 'text').as('id')).where((eb) => eb.between('sha256', low, high)).limit(10_000),
  );
  return { id: { in: rows.map((row) => row.id) } };
}

async function statusCondition(prisma: PrismaClient, status: NonNullable<EvidenceSearch['status']>): Promise<Prisma.EvidenceWhereInput> {
  const [legacy, lanes, unfinished] = await Promise.all([
    prisma.batch.aggregate({ where: { spansOrganizations: true }, _max: { lastSequence: true } }),
    prisma.batch.groupBy({ by: ['organizationId'], where: { spansOrganizations: false }, _max: { lastSequence: true } }),
    prisma.batch.findMany({
      where: { status: { not: 'final' } },
      select: { organizationId: true, spansOrganizations: true, firstSequence: true, lastSequence: true },
    }),
  ]);
  const legacySealed = legacy._max.lastSequence ?? 0n;
  // Above its lane's last sealed sequence an item is pending; a lane without batches of its own
  // starts after the batches that spanned every organization.
  const pending: Prisma.EvidenceWhereInput[] = lanes.map((lane) => {
    const sealed = lane._max.lastSequence ?? 0n;
    return { organizationId: lane.organizationId, sequence: { gt: sealed > legacySealed ? sealed : legacySealed } };
  });
  const laneIds = lanes.map((lane) => lane.organizationId).filter((id): id is string => id !== null);
  pending.push({ organizationId: { notIn: laneIds }, sequence: { gt: legacySealed } });
  if (!lanes.some((lane) => lane.organizationId === null)) pending.push({ organizationId: null, sequence: { gt: legacySealed } });
  const anchoring: Prisma.EvidenceWhereInput[] = unfinished.map((b) => ({
    sequence: { gte: b.firstSequence, lte: b.lastSequence },
    ...(b.spansOrganizations ? {} : { organizationId: b.organizationId }),
  }));
  switch (status) {
    case 'pending':
      return { OR: pending };
    case 'anchoring':
      return anchoring.length === 0 ? { id: { in: [] } } : { OR: anchoring };
    case 'anchored':
      return { NOT: [{ OR: pending }, ...(anchoring.length === 0 ? [] : [{ OR: anchoring }])] };
  }
}
