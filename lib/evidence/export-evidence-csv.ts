// The lender's evidence list as CSV, under the same filters and scope as the /lender page (one
// condition, evidenceSearchWhere), newest first like the page. Borrowers appear by name and masked
// identifier only. Recorded in the audit log before anything is read; streamed page by page from a
// fixed upper sequence, so items uploaded meanwhile neither shift pages nor repeat.
import { recordAuditEvent } from '../audit/append-audit-entry';
import { authorize } from '../auth/authorize';
import { auditActorOf, type Viewer } from '../auth/viewer';
import { CSV_BOM, csvLine, shanghaiTime } from '../csv/csv-line';
import type { PrismaClient } from '../db/client';
import type { EvidenceSearch } from './evidence-schemas';
import { listItemsOf } from './list-items-of';
import { evidenceSearchWhere } from './search-evidence';

const COLUMNS = [
  'id',
  'sequence',
  'title',
  'file_name',
  'type',
  'loan_reference',
  'borrower',
  'borrower_identifier_masked',
  'sha256',
  'size_bytes',
  'submitted_at_utc',
  'submitted_at_asia_shanghai',
  'status',
  'block_number',
  'tx_hash',
];

const PAGE = 1_000;

export async function exportEvidenceCsv({
  prisma,
  viewer,
  filters,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  filters: Omit<EvidenceSearch, 'page'>;
}): Promise<{ fileName: string; chunks: AsyncIterable<string> }> {
  authorize(viewer, 'evidence.submit');
  const where = await evidenceSearchWhere({ prisma, viewer, filters });
  const newest = await prisma.evidence.findFirst({ where, orderBy: { sequence: 'desc' }, select: { sequence: true } });
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string')).toString();
  await recordAuditEvent(prisma, {
    actor: auditActorOf(viewer),
    action: 'evidence.export',
    targetType: 'evidence_list',
    details: { filters: query, upToSequence: newest?.sequence.toString() ?? null },
  });

  async function* chunks(): AsyncGenerator<string> {
    yield CSV_BOM + csvLine(COLUMNS);
    if (!newest) return;
    let below = newest.sequence + 1n;
    for (;;) {
      const found = await prisma.evidence.findMany({
        where: { AND: [where, { sequence: { lt: below } }] },
        orderBy: { sequence: 'desc' },
        take: PAGE,
        select: { id: true, title: true, borrower: { select: { name: true, identifierHint: true } } },
      });
      if (found.length === 0) return;
      const items = await listItemsOf(prisma, found);
      yield items
        .map((item) =>
          csvLine([
            item.id,
            item.sequence,
            item.title ?? '',
            item.fileName,
            item.type ?? '',
            item.loanReference ?? '',
            item.borrowerName ?? '',
            item.borrowerIdentifierHint ?? '',
            item.sha256,
            String(item.size),
            item.submittedAt,
            shanghaiTime(new Date(item.submittedAt)),
            item.status,
            item.anchor?.blockNumber ?? '',
            item.anchor?.txHash ?? '',
          ]),
        )
        .join('');
      below = BigInt(items[items.length - 1].sequence);
    }
  }

  return { fileName: `evident-evidence-${shanghaiTime(new Date()).slice(0, 10)}.csv`, chunks: chunks() };
}
