import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import type { AnchorLookup } from './anchor-lookup';
import type { Certificate } from './certificate-schema';
import { signCertificate } from '../certificates/sign-certificate';
import { rfc9162Vectors } from '../merkle/__fixtures__/load-vectors';
import {
  certificateFromVectors,
  FAKE_PREVIOUS_ROOT,
  FAKE_SUBMITTER,
  OTHER_TEST_SIGNER,
  TEST_ISSUER,
  TEST_ISSUER_ADDRESS,
} from './__fixtures__/certificate-from-vectors';
import { inMemoryAnchorLookup, type FakeChain } from './__fixtures__/in-memory-anchor-lookup';
import type { CheckId, VerificationReport } from './verification-report';
import { verifyCertificate } from './verify-certificate';

const fileHash = (ascii: string) => sha256(utf8ToBytes(ascii));
const statuses = (report: VerificationReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
const failed = (report: VerificationReport) => report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
const check = (report: VerificationReport, id: CheckId) => report.checks.find((c) => c.id === id)!;
// anvil's account #1, a consortium member other than the one that anchored the fixture's batch.
const OTHER_MEMBER = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const flipLastByte = (hex: string) => hex.slice(0, -2) + (Number.parseInt(hex.slice(-2), 16) ^ 1).toString(16).padStart(2, '0');

async function setup(treeSize = 7, leafIndex = 6) {
  const { certificate, chain } = await certificateFromVectors(treeSize, leafIndex);
  return {
    certificate,
    fakeChain: chain,
    chain: inMemoryAnchorLookup(chain),
    file: fileHash(rfc9162Vectors.leaves[leafIndex].contentAscii),
  };
}

/** A copy with the change applied and the old signature kept, as a forger would leave it. */
function altered(certificate: Certificate, change: (copy: Certificate) => void): Certificate {
  const copy = structuredClone(certificate);
  change(copy);
  return copy;
}

/** A copy with the change applied and signed again by the issuer, so only the other checks can catch it. */
async function alteredAndResigned(certificate: Certificate, change: (copy: Certificate) => void): Promise<Certificate> {
  const { signature: _stale, ...copy } = altered(certificate, change);
  return signCertificate(copy, TEST_ISSUER);
}

describe('verifyCertificate', () => {
  const everyLeaf = rfc9162Vectors.trees.flatMap(({ treeSize }) =>
    Array.from({ length: treeSize }, (_, leafIndex) => [treeSize, leafIndex] as const),
  );

  it.each(everyLeaf)('passes every check for leaf %i/%i of the vectors', async (treeSize, leafIndex) => {
    const { certificate, chain, file } = await setup(treeSize, leafIndex);
    const report = await verifyCertificate({
      certificate,
      fileSha256: file,
      chain,
      trustedIssuers: [TEST_ISSUER_ADDRESS],
      revocation: async () => ({ revoked: false }),
    });
    expect(report.checks.map((c) => c.id)).toEqual([
      'certificate-format',
      'file-hash',
      'leaf',
      'inclusion-proof',
      'chain-anchor',
      'signature',
      'revocation',
      'timestamp',
    ]);
    expect(statuses(report)).toEqual({
      'certificate-format': 'pass',
      'file-hash': 'pass',
      leaf: 'pass',
      'inclusion-proof': 'pass',
      'chain-anchor': 'pass',
      signature: 'pass',
      revocation: 'pass',
      timestamp: 'skipped',
    });
    expect(report.valid).toBe(true);
    expect(report.certificate).toEqual(certificate);
  });

  it('skips the file, chain and revocation checks when none is given, and is still valid', async () => {
    const { certificate } = await setup();
    const report = await verifyCertificate({ certificate });
    expect(statuses(report)).toMatchObject({ 'file-hash': 'skipped', 'chain-anchor': 'skipped', signature: 'pass', revocation: 'skipped' });
    expect(report.valid).toBe(true);
  });

  it('names each outcome by a code of its own check, with the block time as ISO-8601 UTC', async () => {
    const { certificate, chain, file } = await setup();
    const report = await verifyCertificate({ certificate, fileSha256: file, chain, revocation: async () => ({ revoked: false }) });
    for (const { id, code } of report.checks) expect(code.startsWith(`${id}.`), code).toBe(true);
    expect(report.checks.map((c) => c.code)).toEqual([
      'certificate-format.valid',
      'file-hash.match',
      'leaf.match',
      'inclusion-proof.valid',
      expect.stringMatching(/^chain-anchor\.anchored(-first)?$/),
      'signature.not-pinned',
      'revocation.not-revoked',
      'timestamp.absent',
    ]);
    const anchor = check(report, 'chain-anchor');
    expect(anchor.params).toMatchObject({ blockNumber: certificate.anchor.blockNumber, txHash: certificate.anchor.txHash });
    expect(anchor.params?.blockTime).toBe(anchor.details?.blockTimeIso);
    expect(anchor.params?.blockTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('reports a different file on the file-hash check only', async () => {
    const { certificate, chain } = await setup();
    const other = fileHash('evidence-5');
    const report = await verifyCertificate({ certificate, fileSha256: other, chain });
    expect(failed(report)).toEqual(['file-hash']);
    expect(check(report, 'file-hash').message).toBe(
      `The file's SHA-256 0x${Buffer.from(other).toString('hex')} does not match the certificate's ${certificate.evidence.sha256}.`,
    );
    expect(report.valid).toBe(false);
  });

  it('fails file-hash when the digest handed in is not 32 bytes', async () => {
    const { certificate } = await setup();
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
    { what: 'another anchoring member', change: (c) => void (c.anchor.submitter = OTHER_MEMBER), fails: ['chain-anchor'] },
    { what: 'a tampered previous root', change: (c) => void (c.anchor.previousRoot = flipLastByte(c.anchor.previousRoot)), fails: ['chain-anchor'] },
  ];

  it.each(tamperings)('reports $what on the right checks, even when the issuer signed it', async ({ change, fails }) => {
    const { certificate, chain, file } = await setup();
    const report = await verifyCertificate({ certificate: await alteredAndResigned(certificate, change), fileSha256: file, chain });
    expect(failed(report)).toEqual(fails);
    expect(report.valid).toBe(false);
  });

  it.each(tamperings)('reports $what on the signature too when the old signature is kept', async ({ change, fails }) => {
    const { certificate, chain, file } = await setup();
    const report = await verifyCertificate({ certificate: altered(certificate, change), fileSha256: file, chain });
    expect(failed(report)).toEqual([...fails, 'signature']);
  });

  it('explains why the inclusion proof failed', async () => {
    const { certificate } = await setup();
    const tooShort = await verifyCertificate({ certificate: altered(certificate, (c) => c.proof.path.pop()) });
    expect(check(tooShort, 'inclusion-proof').message).toMatch(/malformed: The proof has 1 hashes, too few/);
    expect(check(tooShort, 'inclusion-proof').details).toEqual({ reason: 'proof-too-short' });
    const wrongRoot = await verifyCertificate({ certificate: altered(certificate, (c) => (c.proof.root = flipLastByte(c.proof.root))) });
    expect(check(wrongRoot, 'inclusion-proof').message).toContain('not to the certificate\'s root');
  });

  it('fails the leaf check and skips the proof for an unknown leaf version', async () => {
    const { certificate } = await setup();
    const report = await verifyCertificate({ certificate: await alteredAndResigned(certificate, (c) => (c.leaf.version = 2)) });
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
    ['serial', (c: Record<string, any>) => (c.serial = 'EVD-7K3M-9QX2-R5T8-WB4')],
    ['issuer.address', (c: Record<string, any>) => (c.issuer.address = c.issuer.address.toUpperCase().replace('0X', '0x'))],
    ['signature.value', (c: Record<string, any>) => (c.signature.value = '0x1234')],
  ])('reports a malformed %s as a single certificate-format failure naming the field', async (field, change) => {
    const { certificate, chain, file } = await setup();
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
    const { certificate } = await setup();
    expect((await verifyCertificate({ certificate: JSON.stringify(certificate) })).valid).toBe(true);
    const report = await verifyCertificate({ certificate: '{"format": "evident.cert' });
    expect(report.checks[0].message).toContain('certificate: is not valid JSON');
  });
});

describe('verifyCertificate chain-anchor check', () => {
  async function chainCheck(mutateChain: (chain: FakeChain) => void, lookup?: (base: AnchorLookup) => AnchorLookup) {
    const { certificate, fakeChain, file } = await setup();
    mutateChain(fakeChain);
    const base = inMemoryAnchorLookup(fakeChain);
    const report = await verifyCertificate({ certificate, fileSha256: file, chain: lookup ? lookup(base) : base });
    expect(failed(report).filter((id) => id !== 'chain-anchor')).toEqual([]);
    return { report, anchor: check(report, 'chain-anchor') };
  }

  it('passes with block number, block time and its ISO reading, the member and its previous root in the details', async () => {
    const { anchor } = await chainCheck(() => {});
    expect(anchor.status).toBe('pass');
    expect(anchor.details).toMatchObject({
      blockNumber: '100',
      blockTime: '1767225600',
      blockTimeUnit: 'seconds',
      blockTimeIso: '2026-01-01T00:00:00.000Z',
      leafCount: '7',
      submitter: FAKE_SUBMITTER,
      previousRoot: FAKE_PREVIOUS_ROOT,
    });
    expect(anchor.message).toContain(`anchored by consortium member ${FAKE_SUBMITTER} in contract`);
    expect(anchor.message).toMatch(/, as its first anchor\.$/);
  });

  it('names the previous root of a member\'s later anchor in the pass message', async () => {
    const { certificate, fakeChain, file } = await setup();
    const previousRoot = `0x${'5a'.repeat(32)}`;
    fakeChain.anchors[0].previousRoot = previousRoot;
    fakeChain.transactions[0].anchoredRoots[0]!.previousRoot = previousRoot;
    const report = await verifyCertificate({
      certificate: await alteredAndResigned(certificate, (c) => (c.anchor.previousRoot = previousRoot)),
      fileSha256: file,
      chain: inMemoryAnchorLookup(fakeChain),
    });
    expect(check(report, 'chain-anchor')).toMatchObject({ status: 'pass', details: { previousRoot } });
    expect(check(report, 'chain-anchor').message).toMatch(new RegExp(`, after its previous root ${previousRoot}\\.$`));
  });

  it('reads a millisecond block time (FISCO BCOS before 3.12) as milliseconds', async () => {
    const { certificate, fakeChain, file } = await setup();
    fakeChain.anchors[0].blockTime = '1767225600123';
    fakeChain.transactions[0].anchoredRoots[0]!.blockTime = '1767225600123';
    const report = await verifyCertificate({
      certificate: await alteredAndResigned(certificate, (c) => (c.anchor.blockTime = '1767225600123')),
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
      const [event] = chain.transactions[0].anchoredRoots;
      chain.transactions[0].anchoredRoots = [
        { ...event!, contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3', root: chain.anchors[0].root.toUpperCase().replace('0X', '0x'), submitter: event!.submitter.toUpperCase().replace('0X', '0x') },
      ];
    });
    expect(anchor.status).toBe('pass');
  });

  it.each([
    ['another chain', (c: FakeChain) => (c.chainId = '1'), /reports chain id 1, but the certificate was anchored on chain id 31337/],
    ['a root that is not anchored', (c: FakeChain) => (c.anchors = []), /is not anchored in contract/],
    ['another anchor block', (c: FakeChain) => (c.anchors[0].blockNumber = '101'), /records the root in block 101/],
    ['another anchor time', (c: FakeChain) => (c.anchors[0].blockTime = '1767225601'), /records block time 1767225601/],
    [
      'another anchoring member',
      (c: FakeChain) => (c.anchors[0].submitter = OTHER_MEMBER),
      new RegExp(`records the root as anchored by member ${OTHER_MEMBER}, but the certificate states ${FAKE_SUBMITTER}`),
    ],
    [
      'another previous root',
      (c: FakeChain) => (c.anchors[0].previousRoot = `0x${'11'.repeat(32)}`),
      new RegExp(`records the root as anchored after previous root 0x(11){32}, but the certificate states ${FAKE_PREVIOUS_ROOT}`),
    ],
    ['another leaf count', (c: FakeChain) => (c.anchors[0].leafCount = '8'), /batch of 8 leaves under this root, but the proof claims 7/],
    ['a missing transaction', (c: FakeChain) => (c.transactions = []), /was not found on chain/],
    ['a failed transaction', (c: FakeChain) => (c.transactions[0].succeeded = false), /failed on chain/],
    ['a transaction in another block', (c: FakeChain) => (c.transactions[0].blockNumber = '99'), /is in block 99, not in block 100/],
    ['a transaction that anchored something else', (c: FakeChain) => (c.transactions[0].anchoredRoots = []), /did not anchor root/],
    [
      'an event whose words differ from the contract and the certificate',
      (c: FakeChain) => (c.transactions[0].anchoredRoots[0]!.leafCount = '8'),
      /RootAnchored event of transaction 0x[0-9a-f]{64} records leafCount 8, but the certificate states 7/,
    ],
    [
      'an address where getAnchor answers 0x',
      (c: FakeChain) => (c.contracts = ['0x000000000000000000000000000000000000dead']),
      /No anchor contract exists at 0x5fbdb2315678afecb367f032d93f642f64180aa3 on chain 31337 \(getAnchor answered 0x\)/,
    ],
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
    expect(anchor).toEqual({
      id: 'chain-anchor',
      status: 'fail',
      code: 'chain-anchor.unreachable',
      message: 'Could not reach the chain: connect ECONNREFUSED 127.0.0.1:8545',
      params: { reason: 'connect ECONNREFUSED 127.0.0.1:8545' },
    });
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

describe('verifyCertificate signature check', () => {
  const flipByte = (hex: string, index: number) => {
    const at = 2 + 2 * index;
    return hex.slice(0, at) + (Number.parseInt(hex.slice(at, at + 2), 16) ^ 1).toString(16).padStart(2, '0') + hex.slice(at + 2);
  };
  const withSignature = (certificate: Certificate, value: string) =>
    altered(certificate, (c) => (c.signature = { scheme: 'eip712', value }));

  it('passes without pinning, naming the address to compare with the published one', async () => {
    const { certificate } = await setup();
    const report = await verifyCertificate({ certificate });
    expect(check(report, 'signature')).toEqual({
      id: 'signature',
      status: 'pass',
      code: 'signature.not-pinned',
      message: expect.stringContaining(`not pinned`),
      params: { issuerName: 'Evident Test Vectors', signer: TEST_ISSUER_ADDRESS, issuerDocumentPath: '/.well-known/evident-issuer.json' },
      details: { issuer: TEST_ISSUER_ADDRESS, issuerName: 'Evident Test Vectors' },
    });
    expect(check(report, 'signature').message).toContain(`compare ${TEST_ISSUER_ADDRESS} with the address the issuer publishes at /.well-known/evident-issuer.json`);
  });

  it('passes a pinned issuer, whatever the case of the pinned address', async () => {
    const { certificate } = await setup();
    const report = await verifyCertificate({ certificate, trustedIssuers: ['0x0000000000000000000000000000000000000001', TEST_ISSUER.address] });
    expect(check(report, 'signature')).toMatchObject({ status: 'pass', message: `Signed by Evident Test Vectors (${TEST_ISSUER_ADDRESS}), a trusted issuer.` });
  });

  it('fails an issuer that is not pinned, listing the trusted ones', async () => {
    const { certificate } = await setup();
    const other = OTHER_TEST_SIGNER.address.toLowerCase();
    const ownCertificate = await signCertificate(
      { ...altered(certificate, (c) => delete c.signature), issuer: { name: 'Evident', address: other } },
      OTHER_TEST_SIGNER,
    );
    expect(check(await verifyCertificate({ certificate: ownCertificate }), 'signature').status).toBe('pass');
    const report = await verifyCertificate({ certificate: ownCertificate, trustedIssuers: [TEST_ISSUER_ADDRESS] });
    expect(check(report, 'signature')).toMatchObject({
      status: 'fail',
      message: `Signed by ${other}, which is not a trusted Evident issuer (trusted: ${TEST_ISSUER_ADDRESS}).`,
    });
    expect(report.valid).toBe(false);
    const none = await verifyCertificate({ certificate, trustedIssuers: [] });
    expect(check(none, 'signature').message).toContain('(trusted: none)');
  });

  it('fails an unsigned certificate on the signature check alone', async () => {
    const { certificate, chain, file } = await setup();
    const report = await verifyCertificate({ certificate: altered(certificate, (c) => delete c.signature), fileSha256: file, chain });
    expect(failed(report)).toEqual(['signature']);
    expect(check(report, 'signature').message).toMatch(/^The certificate is not signed/);
  });

  it.each([
    ['evidence.fileName', (c: Certificate) => (c.evidence.fileName = 'evidence-6.pdf')],
    ['evidence.size', (c: Certificate) => (c.evidence.size += 1)],
    ['evidence.mediaType', (c: Certificate) => (c.evidence.mediaType = 'text/html')],
    ['evidence.submittedAt', (c: Certificate) => (c.evidence.submittedAt = '2026-01-01T00:00:00Z')],
    ['evidence.id', (c: Certificate) => (c.evidence.id = '00000000-0000-4000-8000-000000000009')],
    ['anchor.batchId', (c: Certificate) => (c.anchor.batchId = '00000000-0000-4000-8000-000000000009')],
    ['issuedAt', (c: Certificate) => (c.issuedAt = '2026-01-01T00:01:00.001Z')],
    ['serial', (c: Certificate) => (c.serial = 'EVD-0000-0000-0000-0002')],
    ['issuer.name', (c: Certificate) => (c.issuer.name = 'Evident Notary')],
  ])('catches an edit of the descriptive field %s, which only the signature covers', async (_, change) => {
    const { certificate, chain, file } = await setup();
    const report = await verifyCertificate({ certificate: altered(certificate, change), fileSha256: file, chain });
    expect(failed(report)).toEqual(['signature']);
    expect(check(report, 'signature').message).toMatch(
      /^The signature does not match the certificate: it was altered after signing, or signed by another key \(recovered 0x[0-9a-f]{40}, but the certificate names issuer 0x/,
    );
  });

  it('fails a certificate whose issuer address was swapped for the signer that did not sign it', async () => {
    const { certificate } = await setup();
    const other = OTHER_TEST_SIGNER.address.toLowerCase();
    const report = await verifyCertificate({ certificate: altered(certificate, (c) => (c.issuer.address = other)) });
    expect(check(report, 'signature')).toMatchObject({ status: 'fail', details: { recoveredSigner: expect.any(String), issuer: other } });
  });

  it('fails a flipped signature byte', async () => {
    const { certificate } = await setup();
    const value = certificate.signature!.value;
    for (const index of [0, 31, 32, 63]) {
      const report = await verifyCertificate({ certificate: withSignature(certificate, flipByte(value, index)) });
      expect(check(report, 'signature').status).toBe('fail');
      expect(report.valid).toBe(false);
    }
  });

  const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
  const word = (value: bigint) => value.toString(16).padStart(64, '0');

  it.each([
    ['v of 0', (r: string, s: string) => `0x${r}${s}00`, 'invalid-v', 'its last byte (v) is 0; it must be 27 or 28'],
    ['v of 29', (r: string, s: string) => `0x${r}${s}1d`, 'invalid-v', 'its last byte (v) is 29; it must be 27 or 28'],
    ['r of 0', (_: string, s: string) => `0x${word(0n)}${s}1b`, 'r-out-of-range', 'its r value is not between 1 and n - 1'],
    ['r of n', (_: string, s: string) => `0x${word(N)}${s}1b`, 'r-out-of-range', 'its r value is not between 1 and n - 1'],
    ['s of 0', (r: string) => `0x${r}${word(0n)}1b`, 's-out-of-range', 'its s value is not between 1 and n / 2'],
    ['a high s', (r: string, s: string) => `0x${r}${word(N - BigInt(`0x${s}`))}1b`, 's-out-of-range', 'only the low-s form'],
    ['an r that is no curve point', (_: string, s: string) => `0x${word(5n)}${s}1b`, 'unrecoverable', 'no public key can be recovered'],
  ])('reports a signature with %s as malformed without throwing', async (_, make, reason, message) => {
    const { certificate } = await setup();
    const value = certificate.signature!.value;
    const report = await verifyCertificate({ certificate: withSignature(certificate, make(value.slice(2, 66), value.slice(66, 130))) });
    expect(check(report, 'signature')).toMatchObject({ status: 'fail', details: { reason } });
    expect(check(report, 'signature').message).toMatch(/^The certificate signature is malformed: /);
    expect(check(report, 'signature').message).toContain(message);
    expect(report.valid).toBe(false);
  });
});

describe('verifyCertificate revocation check', () => {
  it('is skipped offline, and says so', async () => {
    const { certificate } = await setup();
    expect(check(await verifyCertificate({ certificate }), 'revocation')).toEqual({
      id: 'revocation',
      status: 'skipped',
      code: 'revocation.offline',
      message: 'Offline verification cannot see revocations; check the serial online.',
    });
  });

  it('asks for the certificate serial and passes when it is not revoked', async () => {
    const { certificate } = await setup();
    const asked: string[] = [];
    const report = await verifyCertificate({ certificate, revocation: async (serial) => (asked.push(serial), { revoked: false }) });
    expect(asked).toEqual([certificate.serial]);
    expect(check(report, 'revocation')).toMatchObject({ status: 'pass', details: { serial: certificate.serial } });
    expect(report.valid).toBe(true);
  });

  it('fails a revoked certificate, naming the reason and the time', async () => {
    const { certificate } = await setup();
    const report = await verifyCertificate({
      certificate,
      revocation: async () => ({ revoked: true, reason: 'issued in error', revokedAt: '2026-03-01T12:00:00.000Z' }),
    });
    expect(check(report, 'revocation')).toEqual({
      id: 'revocation',
      status: 'fail',
      code: 'revocation.revoked',
      message: `The issuer revoked certificate ${certificate.serial} at 2026-03-01T12:00:00.000Z: issued in error.`,
      params: { serial: certificate.serial, reason: 'issued in error', revokedAt: '2026-03-01T12:00:00.000Z' },
      details: { serial: certificate.serial, reason: 'issued in error', revokedAt: '2026-03-01T12:00:00.000Z' },
    });
    expect(failed(report)).toEqual(['revocation']);
    expect(report.valid).toBe(false);
  });

  it('fails a superseded certificate, naming the certificate that replaced it', async () => {
    const { certificate } = await setup();
    const answer = { revoked: false, superseded: true, supersededBy: 'EVD-4D2F-8H6J-1K3M-P9RS', supersededAt: '2026-03-01T10:00:00.000Z' };
    const report = await verifyCertificate({ certificate, revocation: async () => answer });
    const details = { serial: certificate.serial, supersededBy: answer.supersededBy, supersededAt: answer.supersededAt };
    expect(check(report, 'revocation')).toEqual({
      id: 'revocation',
      status: 'fail',
      code: 'revocation.superseded',
      message:
        `The issuer superseded certificate ${certificate.serial} with certificate EVD-4D2F-8H6J-1K3M-P9RS at ` +
        '2026-03-01T10:00:00.000Z: the item was anchored again; use the new certificate.',
      params: details,
      details,
    });
    expect(report.valid).toBe(false);
  });

  it('fails a revocation without reason or time', async () => {
    const { certificate } = await setup();
    const report = await verifyCertificate({ certificate, revocation: async () => ({ revoked: true }) });
    expect(check(report, 'revocation').message).toBe(`The issuer revoked certificate ${certificate.serial} at an unknown time: no reason given.`);
  });

  it.each([
    ['rejects with an Error', () => Promise.reject(new Error('fetch failed')), 'Could not check revocation: fetch failed', { code: 'revocation.lookup-failed', params: { reason: 'fetch failed' } }],
    ['throws synchronously', () => { throw new Error('offline'); }, 'Could not check revocation: offline', { code: 'revocation.lookup-failed', params: { reason: 'offline' } }],
    ['rejects with a string', () => Promise.reject('timeout'), 'Could not check revocation: timeout', { code: 'revocation.lookup-failed', params: { reason: 'timeout' } }],
    ['answers nonsense', () => Promise.resolve(null as never), 'Could not check revocation: the lookup gave no revoked: true/false answer.', { code: 'revocation.no-answer' }],
  ])('fails, without throwing, when the lookup %s', async (_, lookup, message, outcome) => {
    const { certificate } = await setup();
    const report = await verifyCertificate({ certificate, revocation: lookup as never });
    expect(check(report, 'revocation')).toEqual({ id: 'revocation', status: 'fail', message, ...outcome });
    expect(report.valid).toBe(false);
  });
});

describe('verifyCertificate, format version 3 subject', () => {
  const subject: NonNullable<Certificate['subject']> = {
    organization: { id: '7d2c9a40-1b3e-4f5a-8c6d-0e1f2a3b4c5d', name: '杭州示例商业银行' },
    title: '借款合同',
    evidenceType: 'loan_contract',
    loanReference: null,
    borrower: { name: '张三', identifierHint: '4401**********451X' },
  };

  it('names the signed subject in the passing signature check, leaving out null values', async () => {
    const { certificate, chain, file } = await setup();
    const { signature: _, ...unsigned } = certificate;
    const v3 = await signCertificate({ ...unsigned, version: 3, subject, provenance: { channel: 'portal', source: null } }, TEST_ISSUER);
    const report = await verifyCertificate({ certificate: v3, fileSha256: file, chain, trustedIssuers: [TEST_ISSUER_ADDRESS] });
    expect(report.valid).toBe(true);
    expect(check(report, 'signature').details).toEqual({
      issuer: TEST_ISSUER_ADDRESS,
      issuerName: certificate.issuer.name,
      organizationName: '杭州示例商业银行',
      organizationId: '7d2c9a40-1b3e-4f5a-8c6d-0e1f2a3b4c5d',
      title: '借款合同',
      evidenceType: 'loan_contract',
      borrowerName: '张三',
      borrowerIdentifierHint: '4401**********451X',
      channel: 'portal',
    });

    const forged = altered(v3, (copy) => (copy.subject!.organization!.name = '另一家银行'));
    const forgedReport = await verifyCertificate({ certificate: forged, fileSha256: file, chain, trustedIssuers: [TEST_ISSUER_ADDRESS] });
    expect(failed(forgedReport)).toEqual(['signature']);
    expect(check(forgedReport, 'signature').code).toBe('signature.mismatch');
    expect(JSON.stringify(check(forgedReport, 'signature'))).not.toContain('另一家银行');
  });
});
