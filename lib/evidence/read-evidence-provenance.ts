// The provenance of evidence items (Art. 18 of the Provisions on Evidence in Civil Procedure: how
// the electronic data was formed, stored and transmitted), as the lender portal's detail page, the
// case verification report and the evidence package's manifest show it: the channel it came by, who
// sent it (a named portal user, or an API key by name), from which client address, with which
// Idempotency-Key, when, and the `source` the lender's system stated. Read in a fixed number of
// queries whatever the number of items.
import type { PrismaClient } from '../db/client';
import type { EvidenceSource } from './evidence-schemas';

export interface EvidenceProvenance {
  channel: 'portal' | 'api' | 'system';
  /** The portal user's name and email, or the API key's name and prefix; null when not recorded. */
  submittedBy: string | null;
  /** The client address the request came from (after TRUSTED_PROXY_HOPS); null when not recorded. */
  clientAddress: string | null;
  idempotencyKey: string | null;
  /** RFC 3339, UTC. */
  submittedAt: string;
  source: EvidenceSource | null;
  /** False for items stored before submissions were recorded: only the channel and the portal user
   * are known for them. */
  recorded: boolean;
}

/** The evidence fields provenance is read from. */
export interface ProvenanceFields {
  id: string;
  submissionId: string | null;
  submittedByUserId: string | null;
  submittedAt: Date;
  source: unknown;
}

export async function readEvidenceProvenance(prisma: PrismaClient, items: ProvenanceFields[]): Promise<Map<string, EvidenceProvenance>> {
  const submissionIds = [...new Set(items.flatMap((item) => (item.submissionId ? [item.submissionId] : [])))];
  const submissions = submissionIds.length
    ? await prisma.submission.findMany({ where: { id: { in: submissionIds } } })
    : [];
  const submissionById = new Map(submissions.map((submission) => [submission.id, submission]));
  const userIds = new Set([
    ...submissions.flatMap((submission) => (submission.userId ? [submission.userId] : [])),
    ...items.flatMap((item) => (item.submittedByUserId ? [item.submittedByUserId] : [])),
  ]);
  const apiKeyIds = submissions.flatMap((submission) => (submission.apiKeyId ? [submission.apiKeyId] : []));
  const [users, apiKeys] = await Promise.all([
    userIds.size ? prisma.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true, email: true } }) : [],
    apiKeyIds.length ? prisma.apiKey.findMany({ where: { id: { in: apiKeyIds } }, select: { id: true, name: true } }) : [],
  ]);
  const userById = new Map(users.map((user) => [user.id, user]));
  const apiKeyName = new Map(apiKeys.map((key) => [key.id, key.name]));

  const provenance = new Map<string, EvidenceProvenance>();
  for (const item of items) {
    const submission = item.submissionId ? submissionById.get(item.submissionId) : undefined;
    const source = (item.source ?? null) as EvidenceSource | null;
    const submittedAt = item.submittedAt.toISOString();
    if (!submission) {
      const user = item.submittedByUserId ? userById.get(item.submittedByUserId) : undefined;
      provenance.set(item.id, {
        channel: item.submittedByUserId ? 'portal' : 'api',
        submittedBy: user ? `${user.name} <${user.email}>` : null,
        clientAddress: null,
        idempotencyKey: null,
        submittedAt,
        source,
        recorded: false,
      });
      continue;
    }
    const user = submission.userId ? userById.get(submission.userId) : undefined;
    const keyName = submission.apiKeyId ? apiKeyName.get(submission.apiKeyId) : undefined;
    provenance.set(item.id, {
      channel: submission.channel,
      submittedBy: user ? `${user.name} <${user.email}>` : keyName ? `${keyName} (${submission.actorLabel})` : submission.actorLabel,
      clientAddress: submission.clientAddress,
      idempotencyKey: submission.idempotencyKey,
      submittedAt,
      source,
      recorded: true,
    });
  }
  return provenance;
}
