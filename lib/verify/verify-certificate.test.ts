import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import type { AnchorLookup } from '../chain/anchor-lookup';
import type { Certificate } from '../certificates/certificate-schema';
import { rfc9162Vectors } from '../merkle/__fixtures__/load-vectors';
import { certificateFromVectors } from './__fixtures__/certificate-from-vectors';
import { inMemoryAnchorLookup, type FakeChain } from './__fixtures__/in-memory-anchor-lookup';
import type { CheckId, VerificationReport } from './verification-report';
import { verifyCertificate } from './verify-certificate';

const fileHash = (ascii: string) => sha256(utf8ToBytes(ascii));
const statuses = (report: VerificationReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
const failed = (report: VerificationReport) => report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
const check = (report: VerificationReport, id: CheckId) => report.checks.find((c) => c.id === id)!;
const flipLastByte = (hex: string) => hex.slice(0, -2) + (Number.parseInt(hex.slice(-2), 16) ^ 1).toString(16).padStart(2, '0');

function setup(treeSize = 7, leafIndex = 6) {
  const { certificate, chain } = certificateFromVectors(treeSize, leafIndex);
  return {
    certificate,
    fakeChain: chain,
    chain: inMemoryAnchorLookup(chain),
    file: fileHash(rfc9162Vectors.leaves[leafIndex].contentAscii),
  };
}

function altered(certificate: Certificate, change: (copy: Certificate) => void): Certificate {
  const copy = structuredClone(certificate);
  change(copy);
  return copy;
}

describe('verifyCertificate', () => {
  const everyLeaf = rfc9162Vectors.trees.flatMap(({ treeSize }) =>
    Array.from({ length: treeSize }, (_, leafIndex) => [treeSize, leafIndex] as const),
  );

  it.each(everyLeaf)('passes every check for leaf %i/%i of the vectors', async (treeSize, leafIndex) => {
    const { certificate, chain, file } = setup(treeSize, leafIndex);
    const report = await verifyCertificate({ certificate, fileSha256: file, chain });
    expect(report.checks.map((c) => c.id)).toEqual(['certificate-format', 'file-hash', 'leaf', 'inclusion-proof', 'chain-anchor']);
    expect(statuses(report)).toEqual({
      'certificate-format': 'pass',
      'file-hash': 'pass',
      leaf: 'pass',
      'inclusion-proof': 'pass',
      'chain-anchor': 'pass',
    });
    expect(report.valid).toBe(true);
    expect(report.certificate).toEqual(certificate);
  });

  it('skips the file and chain checks when neither is given, and is still valid', async () => {
    const { certificate } = setup();
    const report = await verifyCertificate({ certificate });
    expect(statuses(report)).toMatchObject({ 'file-hash': 'skipped', 'chain-anchor': 'skipped' });
    expect(report.valid).toBe(true);
  });

  it('reports a different file on the file-hash check only', async () => {
    const { certificate, chain } = setup();
    const other = fileHash('evidence-5');
    const report = await verifyCertificate({ certificate, fileSha256: other, chain });
    expect(failed(report)).toEqual(['file-hash']);
    expect(check(report, 'file-hash').message).toBe(
      `The file's SHA-256 0x${Buffer.from(other).toString('hex')} does not match the certificate's ${certificate.evidence.sha256}.`,
    );
    expect(report.valid).toBe(false);
  });

  it('fails file-hash when the digest handed in is not 32 bytes', async () => {
    const { certificate } = setup();
    const report = await verifyCertificate({ certificate, fileSha256: new Uint8Array(20) });
    expect(failed(report)).toEqual(['file-hash']);
  });

  const tamperings: Array<{ what: string; change: (c: Certificate) => void; fails: CheckId[] }> = [
    {
      what: 'a tampered file hash',
      change: (c) => void (c.evidence.sha256 = rfc9162Vectors.leaves[0].contentSha256),
      fails: ['file-hash', 'leaf', 'inclusion-proof'],
    },
    { what: 'a tampered salt', change: (c) => void (c.leaf.salt = flipLastByte(c.leaf.salt)), fails: ['leaf', 'inclusion-proof'] },
    { what: 'a tampered sequence', change: (c) => void (c.evidence.sequence = '8'), fails: ['leaf', 'inclusion-proof'] },
    { what: 'a tampered leaf hash', change: (c) => void (c.leaf.hash = flipLastByte(c.leaf.hash)), fails: ['leaf'] },
    { what: 'a flipped proof byte', change: (c) => void (c.proof.path[1] = flipLastByte(c.proof.path[1])), fails: ['inclusion-proof'] },
    { what: 'a tampered root', change: (c) => void (c.proof.root = flipLastByte(c.proof.root)), fails: ['inclusion-proof', 'chain-anchor'] },
    { what: 'a tampered leaf index', change: (c) => void (c.proof.leafIndex = 4), fails: ['inclusion-proof'] },
    { what: 'a leaf index outside the tree', change: (c) => void (c.proof.leafIndex = 9), fails: ['inclusion-proof'] },
    { what: 'a dropped proof element', change: (c) => void c.proof.path.pop(), fails: ['inclusion-proof'] },
    { what: 'an extra proof element', change: (c) => void c.proof.path.push(c.proof.root), fails: ['inclusion-proof'] },
    { what: 'a tampered tree size', change: (c) => void (c.proof.treeSize = 8), fails: ['inclusion-proof', 'chain-anchor'] },
  ];

  it.each(tamperings)('reports $what on the right checks', async ({ change, fails }) => {
    const { certificate, chain, file } = setup();
    const report = await verifyCertificate({ certificate: altered(certificate, change), fileSha256: file, chain });
    expect(failed(report)).toEqual(fails);
    expect(report.valid).toBe(false);
  });

  it('explains why the inclusion proof failed', async () => {
    const { certificate } = setup();
    const tooShort = await verifyCertificate({ certificate: altered(certificate, (c) => c.proof.path.pop()) });
    expect(check(tooShort, 'inclusion-proof').message).toMatch(/malformed: The proof has 1 hashes, too few/);
    expect(check(tooShort, 'inclusion-proof').details).toEqual({ reason: 'proof-too-short' });
    const wrongRoot = await verifyCertificate({ certificate: altered(certificate, (c) => (c.proof.root = flipLastByte(c.proof.root))) });
    expect(check(wrongRoot, 'inclusion-proof').message).toContain('not to the certificate\'s root');
  });

  it('fails the leaf check and skips the proof for an unknown leaf version', async () => {
    const { certificate } = setup();
    const report = await verifyCertificate({ certificate: altered(certificate, (c) => (c.leaf.version = 2)) });
    expect(statuses(report)).toMatchObject({ leaf: 'fail', 'inclusion-proof': 'skipped' });
    expect(check(report, 'leaf').message).toContain('Leaf format version 2 is not supported');
    expect(report.valid).toBe(false);
  });

  it.each([
    ['proof.path[1]', (c: Record<string, any>) => (c.proof.path[1] = '0xzz')],
    ['evidence.sequence', (c: Record<string, any>) => (c.evidence.sequence = '-1')],
    ['evidence.size', (c: Record<string, any>) => (c.evidence.size = '10')],
    ['anchor.contract', (c: Record<string, any>) => (c.anchor.contract = '0x1234')],
    ['anchor.chainId', (c: Record<string, any>) => (c.anchor.chainId = '0')],
    ['leaf.salt', (c: Record<string, any>) => delete c.leaf.salt],
    ['extra', (c: Record<string, any>) => (c.extra = true)],
  ])('reports a malformed %s as a single certificate-format failure naming the field', async (field, change) => {
    const { certificate, chain, file } = setup();
    const broken = structuredClone(certificate) as Record<string, any>;
    change(broken);
    const report = await verifyCertificate({ certificate: broken, fileSha256: file, chain });
    expect(report.valid).toBe(false);
    expect(report.certificate).toBeUndefined();
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]).toMatchObject({ id: 'certificate-format', status: 'fail' });
    expect(report.checks[0].message).toContain(`${field}:`);
    expect(Object.keys(report.checks[0].details ?? {})).toEqual([field]);
  });

  it('accepts the certificate as JSON text and reports text that is not JSON', async () => {
    const { certificate } = setup();
    expect((await verifyCertificate({ certificate: JSON.stringify(certificate) })).valid).toBe(true);
    const report = await verifyCertificate({ certificate: '{"format": "evident.cert' });
    expect(report.checks[0].message).toContain('certificate: is not valid JSON');
  });
});

describe('verifyCertificate chain-anchor check', () => {
  async function chainCheck(mutateChain: (chain: FakeChain) => void, lookup?: (base: AnchorLookup) => AnchorLookup) {
    const { certificate, fakeChain, file } = setup();
    mutateChain(fakeChain);
    const base = inMemoryAnchorLookup(fakeChain);
    const report = await verifyCertificate({ certificate, fileSha256: file, chain: lookup ? lookup(base) : base });
    expect(failed(report).filter((id) => id !== 'chain-anchor')).toEqual([]);
    return { report, anchor: check(report, 'chain-anchor') };
  }

  it('passes with block number, block time and its ISO reading in the details', async () => {
    const { anchor } = await chainCheck(() => {});
    expect(anchor.status).toBe('pass');
    expect(anchor.details).toMatchObject({
      blockNumber: '100',
      blockTime: '1767225600',
      blockTimeUnit: 'seconds',
      blockTimeIso: '2026-01-01T00:00:00.000Z',
      leafCount: '7',
    });
  });

  it('reads a millisecond block time (FISCO BCOS before 3.12) as milliseconds', async () => {
    const { certificate, fakeChain, file } = setup();
    fakeChain.anchors[0].blockTime = '1767225600123';
    const report = await verifyCertificate({
      certificate: altered(certificate, (c) => (c.anchor.blockTime = '1767225600123')),
      fileSha256: file,
      chain: inMemoryAnchorLookup(fakeChain),
    });
    expect(check(report, 'chain-anchor').details).toMatchObject({
      blockTimeUnit: 'milliseconds',
      blockTimeIso: '2026-01-01T00:00:00.123Z',
    });
  });

  it('accepts checksummed addresses and upper-case hashes from the lookup', async () => {
    const { anchor } = await chainCheck((chain) => {
      chain.transactions[0].anchoredRoots = [
        { contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3', root: chain.anchors[0].root.toUpperCase().replace('0X', '0x') },
      ];
    });
    expect(anchor.status).toBe('pass');
  });

  it.each([
    ['another chain', (c: FakeChain) => (c.chainId = '1'), /reports chain id 1, but the certificate was anchored on chain id 31337/],
    ['a root that is not anchored', (c: FakeChain) => (c.anchors = []), /is not anchored in contract/],
    ['another anchor block', (c: FakeChain) => (c.anchors[0].blockNumber = '101'), /records the root in block 101/],
    ['another anchor time', (c: FakeChain) => (c.anchors[0].blockTime = '1767225601'), /records block time 1767225601/],
    ['another leaf count', (c: FakeChain) => (c.anchors[0].leafCount = '8'), /batch of 8 leaves under this root, but the proof claims 7/],
    ['a missing transaction', (c: FakeChain) => (c.transactions = []), /was not found on chain/],
    ['a failed transaction', (c: FakeChain) => (c.transactions[0].succeeded = false), /failed on chain/],
    ['a transaction in another block', (c: FakeChain) => (c.transactions[0].blockNumber = '99'), /is in block 99, not in block 100/],
    ['a transaction that anchored something else', (c: FakeChain) => (c.transactions[0].anchoredRoots = []), /did not anchor root/],
  ])('fails for %s, saying why', async (_, change, message) => {
    const { report, anchor } = await chainCheck(change);
    expect(anchor.status).toBe('fail');
    expect(anchor.message).toMatch(message);
    expect(report.valid).toBe(false);
  });

  it('reports an unreachable chain as a failed check instead of throwing', async () => {
    const { anchor, report } = await chainCheck(
      () => {},
      (base) => ({
        ...base,
        findAnchor: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:8545');
        },
      }),
    );
    expect(anchor).toEqual({ id: 'chain-anchor', status: 'fail', message: 'Could not reach the chain: connect ECONNREFUSED 127.0.0.1:8545' });
    expect(report.valid).toBe(false);
  });

  it('survives a lookup that throws something other than an Error', async () => {
    const { anchor } = await chainCheck(
      () => {},
      (base) => ({ ...base, chainId: () => Promise.reject('timeout') }),
    );
    expect(anchor.message).toBe('Could not reach the chain: timeout');
  });
});
