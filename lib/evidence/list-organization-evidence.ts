// An organization's evidence for GET /api/v1/evidence, by sequence ascending so that a client can
// page through everything it submitted, and later resume, without missing or repeating an item.
// The cursor is opaque to clients: base64url of the last sequence of the page.
import { ownOrganizationFor } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { runQuery, sql, type Expression, type SqlBool } from '../db/sql';
import { InvalidRequestError } from '../errors';
import { toHex } from '../proof/hex';
import type { EvidenceListQuery } from './evidence-schemas';
import { evidenceRowsWhere, evidenceWithBatch as eb, toEvidenceView, type EvidenceView } from './evidence-view';

const MAX_SEQUENCE = (1n << 63n) - 1n;

export async function listOrganizationEvidence({
  prisma,
  query,
  publicBaseUrl,
  ...scope
}: {
  prisma: PrismaClient;
  query: EvidenceListQuery;
  publicBaseUrl?: string;
} & (
  | { viewer: Viewer }
  /** The platform itself (its tests and operator tools), asking on an organization's behalf. */
  | { organizationId: string }
)): Promise<{ items: EvidenceView[]; nextCursor: string | null }> {
  // A viewer lists its own organization's evidence, once authorized; there is no other tenant's to name.
  const organizationId = 'viewer' in scope ? ownOrganizationFor(scope.viewer, 'evidence.list_submitted') : scope.organizationId;
  const after = query.cursor === undefined ? 0n : decodeCursor(query.cursor);
  const where: Expression<SqlBool>[] = [eb('e.organization_id', '=', organizationId), eb('e.sequence', '>', after)];
  if (query.since !== undefined) where.push(eb('e.submitted_at', '>=', new Date(query.since)));
  if (query.status === 'pending') {
    // The organization's batches cover contiguous ranges of its rows, so everything above its last
    // sealed sequence is pending; saying so lets the index start the scan there.
    const lastSealed = eb
      .selectFrom('batch')
      .select((batch) => batch.fn.max('batch.last_sequence').as('last'))
      .where((batch) => batch.or([batch('batch.organization_id', '=', organizationId), batch.ref('batch.spans_organizations')]));
    where.push(eb('e.sequence', '>', eb.fn.coalesce(lastSealed, sql.lit(0n))), eb('b.id', 'is', null));
  } else if (query.status === 'anchoring') {
    where.push(eb('b.status', '<>', sql.lit('final')));
  } else if (query.status === 'anchored') {
    where.push(eb('b.status', '=', sql.lit('final')));
  }
  const rows = await runQuery(prisma, evidenceRowsWhere(eb.and(where), sql`ORDER BY e.sequence LIMIT ${query.limit + 1}`));
  const page = rows.slice(0, query.limit);
  const more = rows.length > query.limit;
  return {
    items: page.map((row) => toEvidenceView(row, toHex, { publicBaseUrl })),
    nextCursor: more ? encodeCursor(page[page.length - 1].sequence) : null,
  };
}

export function encodeCursor(sequence: bigint): string {
  return Buffer.from(sequence.toString(), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): bigint {
  const decoded = /^[A-Za-z0-9_-]{1,32}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!/^[0-9]{1,19}$/.test(decoded) || BigInt(decoded) > MAX_SEQUENCE) {
    throw new InvalidRequestError('cursor: not a cursor this API returned; pass `nextCursor` from the previous page as is.');
  }
  return BigInt(decoded);
}
