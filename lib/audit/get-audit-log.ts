// The regulator's view of the audit log: one page of entries (newest first) under the filters, the
// organizations to filter by, and the hash chain's verification, anchored heads included. Open to
// the regulator and the operator only; they oversee the whole platform, so every entry is in scope.
import { authorize } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { describeError } from '../chain/describe-error';
import { ChainUnavailableError } from '../proof/chain-errors';
import { PAGE_CHAIN_TIMEOUT_MS } from '../chain/page-chain-timeout';
import { toHex } from '../proof/hex';
import { auditEntryWhere, type AuditFilters } from './audit-filters';
import { verifyAuditChain, type AuditChainReport } from './verify-audit-chain';

export interface AuditEntryView {
  sequence: string;
  occurredAt: Date;
  actorLabel: string;
  organizationId: string | null;
  organizationName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ipAddress: string | null;
  /** The entry's details object as recorded (the same JSON the CSV export holds), or null. */
  details: unknown;
  previousHash: string;
  entryHash: string;
}

export interface AuditLog {
  entries: AuditEntryView[];
  total: number;
  page: number;
  pageSize: number;
  organizations: Array<{ id: string; name: string }>;
  /** Null when the check itself could not run (chainError says why). */
  chain: AuditChainReport | null;
  chainError: string | null;
  /** The chain node did not answer (within PAGE_CHAIN_TIMEOUT_MS per request): the page says so. */
  chainUnreachable: boolean;
}

export async function getAuditLog({
  prisma,
  viewer,
  filters,
  chainRpcUrl,
  pageSize = 50,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  filters: AuditFilters;
  chainRpcUrl?: string;
  pageSize?: number;
}): Promise<AuditLog> {
  authorize(viewer, 'audit.read');
  const where = auditEntryWhere(filters);
  const [rows, total, organizations, verification] = await Promise.all([
    prisma.auditEntry.findMany({ where, orderBy: { sequence: 'desc' }, skip: (filters.page - 1) * pageSize, take: pageSize }),
    prisma.auditEntry.count({ where }),
    prisma.organization.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    // A chain node that does not answer must not hide the log; the page says the check failed.
    verifyAuditChain({ prisma, chainRpcUrl, chainTimeoutMs: PAGE_CHAIN_TIMEOUT_MS }).then(
      (report) => ({ report, error: null, unreachable: false }),
      (error: unknown) => ({ report: null, error: describeError(error), unreachable: error instanceof ChainUnavailableError }),
    ),
  ]);
  const nameOf = new Map(organizations.map((o) => [o.id, o.name]));
  return {
    entries: rows.map((row) => ({
      sequence: row.sequence.toString(),
      occurredAt: row.occurredAt,
      actorLabel: row.actorLabel,
      organizationId: row.organizationId,
      organizationName: row.organizationId ? (nameOf.get(row.organizationId) ?? null) : null,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      ipAddress: row.ipAddress,
      details: row.details,
      previousHash: toHex(row.previousHash),
      entryHash: toHex(row.entryHash),
    })),
    total,
    page: filters.page,
    pageSize,
    organizations,
    chain: verification.report,
    chainError: verification.error,
    chainUnreachable: verification.unreachable,
  };
}
