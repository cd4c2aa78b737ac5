// The consortium's default portfolio rule thresholds and the latest threshold changes of every scope
// (who, when, old → new), for the regulator's oversight page (§13.1).
import { authorize } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import type { RuleThresholds } from './portfolio-rules';
import { CONSORTIUM_SCOPE, thresholdsOfRow } from './resolve-rule-thresholds';

export interface RuleThresholdChange {
  scope: string;
  previous: RuleThresholds | null;
  next: RuleThresholds;
  changedAt: Date;
  changedBy: string;
}

export async function listRuleThresholdChanges({
  prisma,
  viewer,
  limit = 20,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  limit?: number;
}): Promise<{ consortium: RuleThresholds | null; changes: RuleThresholdChange[] }> {
  authorize(viewer, 'reconciliation.oversee');
  const [consortium, changes] = await Promise.all([
    prisma.reconciliationRuleThresholds.findUnique({ where: { scope: CONSORTIUM_SCOPE } }),
    prisma.reconciliationRuleThresholdChange.findMany({ orderBy: [{ changedAt: 'desc' }, { id: 'asc' }], take: limit }),
  ]);
  return {
    consortium: consortium ? thresholdsOfRow(consortium) : null,
    changes: changes.map((change) => ({
      scope: change.scope,
      previous: change.previous as unknown as RuleThresholds | null,
      next: change.next as unknown as RuleThresholds,
      changedAt: change.changedAt,
      changedBy: change.changedBy,
    })),
  };
}
