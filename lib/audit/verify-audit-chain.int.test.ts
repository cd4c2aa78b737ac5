// The audit log's tamper evidence on a real database and chain: edits and deletions made the way a
// database superuser would (the append-only trigger disabled) are found at exactly the entry they
// touched, and a log rewritten with every hash recomputed, batch records included, is still caught by
// the audit heads anchored on chain.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealPendingEvidence } from '../batches/seal-pending-evidence';
import { readAnchoredAuditHead } from '../chain/read-anchored-audit-head';
import { toHex } from '../proof/hex';
import { anchorUntilFinal } from '../testing/anchor-until-final';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { recordAuditEvent, type AuditActor } from './append-audit-entry';
import { auditEntryHash } from './audit-entry-hash';
import { verifyAuditChain } from './verify-audit-chain';

let services: TestServices;

const ACTOR: AuditActor = { userId: null, label: 'auditor-test@evident.demo', organizationId: null, ipAddress: '203.0.113.7' };

beforeAll(async () => {
  services = await startTestServices();
});

afterAll(async () => {
  await services?.stop();
});

const verify = (withChain = true) =>
  verifyAuditChain({ prisma: services.prisma, chainRpcUrl: withChain ? services.chainRpcUrl : undefined });

async function appendEntries(count: number): Promise<bigint[]> {
  for (let i = 0; i < count; i++) {
    await recordAuditEvent(services.prisma, {
      actor: ACTOR,
      action: 'evidence.download',
      targetType: 'evidence',
      targetId: randomUUID(),
      details: { note: `download ${i}`, 文件: '借款合同.pdf' },
    });
  }
  const rows = await services.prisma.auditEntry.findMany({ orderBy: { sequence: 'desc' }, take: count, select: { sequence: true } });
  return rows.map((r) => r.sequence).reverse();
}

/** What a superuser can do: switch the append-only trigger off around a statement. */
async function asSuperuser(statement: (tx: Parameters<Parameters<TestServices['prisma']['$transaction']>[0]>[0]) => Promise<unknown>) {
  await services.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete');
    await statement(tx);
    await tx.$executeRawUnsafe('ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete');
  });
}

async function addPendingEvidence(count: number) {
  for (let i = 0; i < count; i++) {
    await services.prisma.$executeRaw`
      INSERT INTO evidence (id, sha256, salt, file_name, media_type, size)
      VALUES (${randomUUID()}::uuid, ${randomBytes(32)}, ${randomBytes(32)}, ${`audit-${i}.txt`}, 'text/plain', 1)`;
  }
}

describe('verifyAuditChain', () => {
  it('passes an untouched log', async () => {
    await appendEntries(4);
    const report = await verify();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entriesChecked).toBeGreaterThanOrEqual(4);
    expect(report.head).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('commits concurrent events together in one unbroken chain; a bad event fails only its own caller', async () => {
    const event = (targetId: string, organizationId: string | null = null) =>
      recordAuditEvent(services.prisma, {
        actor: { ...ACTOR, organizationId },
        action: 'evidence.download',
        targetType: 'evidence',
        targetId,
      });
    const before = await services.prisma.auditEntry.count();
    const burst = Array.from({ length: 60 }, () => randomUUID());
    await Promise.all(burst.map((targetId) => event(targetId)));
    // Each caller's entry is committed by the time its call resolves. The first call commits alone
    // and the rest queue behind it and commit together: each group shares one timestamp.
    const stored = await services.prisma.auditEntry.findMany({ where: { targetId: { in: burst } }, select: { occurredAt: true } });
    expect(stored).toHaveLength(60);
    expect(new Set(stored.map((e) => e.occurredAt.getTime())).size).toBeLessThan(10);

    // One event names an organization id PostgreSQL cannot read as a uuid: its group fails, and
    // each of its events is then tried alone.
    const mixed = Array.from({ length: 10 }, () => randomUUID());
    const outcomes = await Promise.allSettled(mixed.map((targetId, i) => event(targetId, i === 5 ? 'not-a-uuid' : null)));
    expect(outcomes.map((o) => o.status)).toEqual(mixed.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    const kept = await services.prisma.auditEntry.findMany({ where: { targetId: { in: mixed } }, select: { targetId: true } });
    expect(kept.map((e) => e.targetId).sort()).toEqual(mixed.filter((_, i) => i !== 5).sort());
    expect(await services.prisma.auditEntry.count()).toBe(before + 69);
    const report = await verify(false);
    expect(report.problems).toEqual([]);
  });

  it('refuses updates and deletes from the application', async () => {
    const [sequence] = await appendEntries(1);
    await expect(services.prisma.auditEntry.update({ where: { sequence }, data: { actorLabel: 'someone-else' } })).rejects.toThrow(
      /append-only/,
    );
    await expect(services.prisma.auditEntry.delete({ where: { sequence } })).rejects.toThrow(/append-only/);
  });

  it('reports exactly the entry a superuser edited', async () => {
    const sequences = await appendEntries(5);
    const target = sequences[2];
    const original = await services.prisma.auditEntry.findUniqueOrThrow({ where: { sequence: target } });
    await asSuperuser((tx) => tx.$executeRaw`UPDATE audit_entry SET ip_address = '198.51.100.1' WHERE sequence = ${target}`);

    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.sequence, p.kind])).toEqual([[target.toString(), 'edited']]);

    await asSuperuser((tx) => tx.$executeRaw`UPDATE audit_entry SET ip_address = ${original.ipAddress} WHERE sequence = ${target}`);
    expect((await verify()).ok).toBe(true);
  });

  it('reports a deleted entry at the entry after it', async () => {
    const sequences = await appendEntries(4);
    const target = sequences[1];
    const original = await services.prisma.auditEntry.findUniqueOrThrow({ where: { sequence: target } });
    await asSuperuser((tx) => tx.$executeRaw`DELETE FROM audit_entry WHERE sequence = ${target}`);

    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.sequence, p.kind])).toEqual([[sequences[2].toString(), 'unlinked']]);

    await services.prisma.auditEntry.create({ data: { ...original, details: original.details ?? undefined } });
    expect((await verify()).ok).toBe(true);
  });

  it('records the audit head on each sealed batch and anchors it with the root', async () => {
    await appendEntries(2);
    await addPendingEvidence(3);
    const batch = await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 1000 });
    expect(batch).not.toBeNull();
    const stored = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch!.id } });
    const sealEntry = await services.prisma.auditEntry.findUniqueOrThrow({ where: { sequence: stored.auditSequence! } });
    expect(sealEntry).toMatchObject({ action: 'batch.seal', actorLabel: 'system', targetType: 'batch', targetId: batch!.id });
    expect(toHex(stored.auditHead!)).toBe(toHex(sealEntry.entryHash));

    const progress = await anchorUntilFinal({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });
    expect(progress.error).toBeUndefined();
    const onChain = await readAnchoredAuditHead(services.chain, services.contractAddress, batch!.root);
    expect(onChain?.auditHead).toBe(toHex(sealEntry.entryHash));

    const anchorEntries = await services.prisma.auditEntry.findMany({ where: { action: 'batch.anchor', targetId: batch!.id } });
    expect(anchorEntries).toHaveLength(1);

    const report = await verify();
    expect(report.problems).toEqual([]);
    expect(report.chainHeadsChecked).toBe(1);
    expect(report.chainProvenThrough).toBe(stored.auditSequence!.toString());
  });

  it('catches a rewritten log through the head anchored on chain, even with every hash recomputed', async () => {
    const first = await services.prisma.batch.findFirstOrThrow({ where: { status: 'final', auditSequence: { not: null } } });
    const [victimSequence] = await appendEntries(2);
    await addPendingEvidence(2);
    const second = await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 1000 });
    await anchorUntilFinal({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });
    const secondHead = (await services.prisma.batch.findUniqueOrThrow({ where: { id: second!.id } })).auditSequence!;
    expect(victimSequence > first.auditSequence! && victimSequence < secondHead).toBe(true);

    // The attacker edits one entry and rewrites every hash after it, and the heads on the batches,
    // so the database is consistent with itself again.
    await asSuperuser(async (tx) => {
      await tx.$executeRaw`UPDATE audit_entry SET actor_label = 'nobody@evident.demo' WHERE sequence = ${victimSequence}`;
      const rows = await tx.auditEntry.findMany({ where: { sequence: { gte: victimSequence } }, orderBy: { sequence: 'asc' } });
      let previous: Uint8Array = new Uint8Array(rows[0].previousHash);
      for (const row of rows) {
        const entryHash = auditEntryHash(previous, { ...row, details: row.details ?? null });
        await tx.$executeRaw`
          UPDATE audit_entry SET previous_hash = ${Buffer.from(previous)}, entry_hash = ${Buffer.from(entryHash)}
          WHERE sequence = ${row.sequence}`;
        await tx.$executeRaw`UPDATE batch SET audit_head = ${Buffer.from(entryHash)} WHERE audit_sequence = ${row.sequence}`;
        previous = entryHash;
      }
    });

    const databaseOnly = await verify(false);
    expect(databaseOnly.ok).toBe(true);

    // The newest anchored head no longer matches; the one before still does, so the rewrite lies
    // between the two.
    const report = await verify(true);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.sequence, p.kind])).toEqual([[secondHead.toString(), 'chain-head-mismatch']]);
    expect(report.chainHeadsChecked).toBe(2);
    expect(report.chainProvenThrough).toBe(first.auditSequence!.toString());
  });
});
