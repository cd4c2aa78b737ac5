// The audit outbox on a real database: an entry written in a change's transaction is in the log
// exactly when the change committed, keeps the time it committed, and is chained once, in the order
// written, however many processes flush at once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { withPgTransaction } from '../db/with-pg-transaction';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { enqueueAuditEntries, flushAuditOutbox, recordAuditEvent, type AuditActor, type AuditEvent } from './append-audit-entry';
import { verifyAuditChain } from './verify-audit-chain';

let services: TestServices;

const ACTOR: AuditActor = { userId: null, label: 'outbox-test@evident.demo', organizationId: null, ipAddress: '203.0.113.9' };
const event = (targetId: string, details: AuditEvent['details'] = { note: 'outbox' }): AuditEvent => ({
  actor: ACTOR,
  action: 'evidence.upload',
  targetType: 'evidence',
  targetId,
  details,
});

beforeAll(async () => {
  services = await startTestServices();
});

afterAll(async () => {
  await services?.stop();
});

const entriesFor = (targetIds: string[]) =>
  services.prisma.auditEntry.findMany({ where: { targetId: { in: targetIds } }, orderBy: { sequence: 'asc' } });

describe('the audit outbox', () => {
  it('chains an entry only when its transaction committed, with the time it committed', async () => {
    const committed = randomUUID();
    const rolledBack = randomUUID();
    const before = Date.now();
    await withPgTransaction(services.prisma, (tx) => enqueueAuditEntries(tx, [event(committed, { 文件: '借款合同.pdf', size: 3 })]));
    await expect(
      withPgTransaction(services.prisma, async (tx) => {
        await enqueueAuditEntries(tx, [event(rolledBack)]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // Not in the log before a flush: the entry waits in the outbox.
    expect(await entriesFor([committed])).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await flushAuditOutbox(services.prisma);

    const [entry, ...others] = await entriesFor([committed, rolledBack]);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ targetId: committed, action: 'evidence.upload', actorLabel: ACTOR.label, ipAddress: ACTOR.ipAddress });
    expect(entry.details).toEqual({ 文件: '借款合同.pdf', size: 3 });
    // The commit's time (the flush ran 50 ms later), to the millisecond.
    expect(entry.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(entry.occurredAt.getTime()).toBeLessThan(Date.now() - 40);
    expect(await services.prisma.auditOutbox.count()).toBe(0);
    expect((await verifyAuditChain({ prisma: services.prisma })).ok).toBe(true);
  });

  it('chains each entry once, in the order written, when several clients flush at once', async () => {
    const ids = Array.from({ length: 1200 }, () => randomUUID());
    // More than one flush transaction's worth, written in three transactions.
    for (const part of [ids.slice(0, 700), ids.slice(700, 1100), ids.slice(1100)]) {
      await withPgTransaction(services.prisma, (tx) => enqueueAuditEntries(tx, part.map((id) => event(id))));
    }
    // A second client stands in for a second process (its own pool and queue).
    const other = createPrismaClient(services.databaseUrl);
    try {
      await Promise.all([
        flushAuditOutbox(services.prisma),
        flushAuditOutbox(other),
        recordAuditEvent(other, event(randomUUID())),
        flushAuditOutbox(services.prisma),
      ]);
    } finally {
      await other.$disconnect();
    }
    const entries = await entriesFor(ids);
    expect(entries.map((entry) => entry.targetId)).toEqual(ids);
    expect(await services.prisma.auditOutbox.count()).toBe(0);
    expect((await verifyAuditChain({ prisma: services.prisma })).ok).toBe(true);
  });
});
