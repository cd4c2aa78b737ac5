// The audit log as CSV for the regulator, under the same filters as the /audit page, in log order
// (oldest first) with each entry's previous and own hash, so the chain can be recomputed from the
// file. UTF-8 with a byte order mark and CRLF line ends (RFC 4180), which is what makes Excel show
// Chinese names correctly. Streamed page by page, so a long log never sits in memory at once.
import { authorize } from '../auth/authorize';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { CSV_BOM, csvLine, shanghaiTime } from '../csv/csv-line';
import { toHex } from '../proof/hex';
import { recordAuditEvent } from './append-audit-entry';
import { auditEntryWhere, auditFiltersQuery, type AuditFilters } from './audit-filters';

const COLUMNS = [
  'sequence',
  'occurred_at_utc',
  'occurred_at_asia_shanghai',
  'actor',
  'actor_user_id',
  'organization_id',
  'organization',
  'action',
  'target_type',
  'target_id',
  'ip_address',
  'details',
  'previous_hash',
  'entry_hash',
];

const PAGE = 2_000;

export interface AuditCsvExport {
  fileName: string;
  /** The file's text in pieces; the first piece starts with the byte order mark. */
  chunks: AsyncIterable<string>;
}

/** Authorizes and records the export before anything is read, so a refused caller gets a clean 403. */
export async function exportAuditCsv({
  prisma,
  viewer,
  filters,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  filters: AuditFilters;
}): Promise<AuditCsvExport> {
  authorize(viewer, 'audit.read');
  const where = auditEntryWhere(filters);
  const organizations = await prisma.organization.findMany({ select: { id: true, name: true } });
  const nameOf = new Map(organizations.map((o) => [o.id, o.name]));
  // Rows appended from here on (this export's own entry included) are not part of this export.
  const last = await prisma.auditEntry.findFirst({ orderBy: { sequence: 'desc' }, select: { sequence: true } });
  const upTo = last?.sequence ?? 0n;
  await recordAuditEvent(prisma, {
    actor: auditActorOf(viewer),
    action: 'audit.export',
    targetType: 'audit_log',
    details: { filters: auditFiltersQuery(filters), upToSequence: upTo.toString() },
  });

  async function* chunks(): AsyncGenerator<string> {
    yield CSV_BOM + csvLine(COLUMNS);
    let after = -1n;
    for (;;) {
      const rows = await prisma.auditEntry.findMany({
        where: { AND: [where, { sequence: { gt: after, lte: upTo } }] },
        orderBy: { sequence: 'asc' },
        take: PAGE,
      });
      if (rows.length === 0) return;
      yield rows
        .map((row) =>
          csvLine([
            row.sequence.toString(),
            row.occurredAt.toISOString(),
            shanghaiTime(row.occurredAt),
            row.actorLabel,
            row.actorUserId ?? '',
            row.organizationId ?? '',
            row.organizationId ? (nameOf.get(row.organizationId) ?? '') : '',
            row.action,
            row.targetType ?? '',
            row.targetId ?? '',
            row.ipAddress ?? '',
            row.details === null ? '' : JSON.stringify(row.details),
            toHex(row.previousHash),
            toHex(row.entryHash),
          ]),
        )
        .join('');
      after = rows[rows.length - 1].sequence;
    }
  }

  const day = shanghaiTime(new Date()).slice(0, 10);
  return { fileName: `evident-audit-log-${day}.csv`, chunks: chunks() };
}
