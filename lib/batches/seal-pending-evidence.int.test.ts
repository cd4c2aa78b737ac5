// The bulk seal path on a real PostgreSQL: chunked reads across the 65,536-row boundary, sequence
// gaps, the tree stored level by level (checked against merkletreejs), leaf indexes with and without
// gaps, and a row that cannot be a leaf.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../proof/hex';
import { buildMerkleTree } from '../testing/build-merkle-tree';
import { encodeLeaf } from '../proof/encode-leaf';
import { InvalidLeafError } from '../proof/merkle-errors';
import { hashLeaf } from '../proof/hash-leaf';
import { rootFromInclusionProof } from '../proof/verify-inclusion-proof';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { leafIndexOf } from './leaf-index-of';
import { readInclusionProof } from './read-inclusion-proof';
import { sealPendingEvidence, type SealedBatch } from './seal-pending-evidence';

let services: TestServices;

beforeAll(async () => {
  services = await startTestServices();
  // 79,990 rows with a gap of ten sequences (50,001-50,010), as rolled-back ingests leave.
  await insertEvidence(1n, 50_000n);
  await insertEvidence(50_011n, 80_000n);
});

afterAll(async () => {
  await services?.stop();
});

async function insertEvidence(from: bigint, to: bigint) {
  await services.prisma.$executeRaw`
    INSERT INTO evidence (id, sequence, sha256, salt, file_name, media_type, size)
    SELECT gen_random_uuid(), s, sha256(int8send(s)), sha256(int8send(-s)), 'bulk.bin', 'application/octet-stream', 1
    FROM generate_series(${from}::bigint, ${to}::bigint) AS s`;
}

async function leafHashesOf(batch: SealedBatch): Promise<Uint8Array[]> {
  const rows = await services.prisma.evidence.findMany({
    where: { sequence: { gte: batch.firstSequence, lte: batch.lastSequence } },
    orderBy: { sequence: 'asc' },
    select: { sequence: true, sha256: true, salt: true },
  });
  return rows.map((row) => hashLeaf(encodeLeaf({ contentSha256: row.sha256, salt: row.salt, sequence: row.sequence })));
}

async function expectStoredTreeEqualsMerkletreejs(batch: SealedBatch) {
  const reference = buildMerkleTree(await leafHashesOf(batch));
  expect(toHex(batch.root)).toBe(toHex(reference.root));
  const stored = await services.prisma.batchLevel.findMany({ where: { batchId: batch.id }, orderBy: { level: 'asc' } });
  // Every level but the leaves (level 0), which proofs recompute from the evidence rows.
  expect(stored.map((row) => row.level)).toEqual(reference.levels.map((_, level) => level).slice(1));
  for (const row of stored) {
    expect(Buffer.from(row.nodes).equals(Buffer.concat(reference.levels[row.level])), `level ${row.level}`).toBe(true);
  }
}

async function expectProofsVerify(batch: SealedBatch, sequences: bigint[]) {
  for (const sequence of sequences) {
    const row = await services.prisma.evidence.findUniqueOrThrow({ where: { sequence } });
    const leafIndex = await leafIndexOf({ prisma: services.prisma, batch, sequence });
    const [{ before }] = await services.prisma.$queryRaw<{ before: bigint }[]>`
      SELECT count(*) AS before FROM evidence WHERE sequence >= ${batch.firstSequence} AND sequence < ${sequence}`;
    expect(leafIndex).toBe(Number(before));
    const proof = await readInclusionProof({ prisma: services.prisma, batch, leafIndex, sequence });
    const leafHash = hashLeaf(encodeLeaf({ contentSha256: row.sha256, salt: row.salt, sequence }));
    expect(toHex(rootFromInclusionProof({ leafHash, leafIndex, treeSize: batch.leafCount, proof }))).toBe(toHex(batch.root));
  }
}

describe('sealing in bulk', () => {
  let gapped: SealedBatch;
  let contiguous: SealedBatch;

  it('seals the first maxLeaves rows, one past a read chunk, across a sequence gap', async () => {
    gapped = (await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 65_537 }))!;
    expect(gapped).toMatchObject({ firstSequence: 1n, lastSequence: 65_547n, leafCount: 65_537 });
    await expectStoredTreeEqualsMerkletreejs(gapped);
  });

  it('seals the rest into the next batch', async () => {
    contiguous = (await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 1_000_000 }))!;
    expect(contiguous).toMatchObject({ firstSequence: 65_548n, lastSequence: 80_000n, leafCount: 14_453 });
    await expectStoredTreeEqualsMerkletreejs(contiguous);
    expect(await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 1_000_000 })).toBeNull();
  });

  it('finds leaf indexes by counting in a batch with gaps, and by arithmetic in one without', async () => {
    await expectProofsVerify(gapped, [1n, 2n, 50_000n, 50_011n, 65_536n, 65_547n]);
    await expectProofsVerify(contiguous, [65_548n, 70_000n, 79_999n, 80_000n]);
    await expect(leafIndexOf({ prisma: services.prisma, batch: contiguous, sequence: 65_547n })).rejects.toThrow(
      /outside the batch's range/,
    );
  });

  it('refuses to seal a row whose hash is not 32 bytes, naming the field, and seals nothing', async () => {
    await services.prisma.$executeRaw`
      INSERT INTO evidence (id, sequence, sha256, salt, file_name, media_type, size)
      VALUES (gen_random_uuid(), 80001, '\\x00'::bytea, sha256('salt'::bytea), 'short.bin', 'application/octet-stream', 1)`;
    const batchesBefore = await services.prisma.batch.count();
    const sealing = sealPendingEvidence({ prisma: services.prisma, maxLeaves: 1000 });
    await expect(sealing).rejects.toBeInstanceOf(InvalidLeafError);
    await expect(sealing).rejects.toMatchObject({ field: 'contentSha256' });
    expect(await services.prisma.batch.count()).toBe(batchesBefore);
  });
});
