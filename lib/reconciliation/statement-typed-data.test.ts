// The sign-off's EIP-712 encoding (§11.2): the type string is the one ReconciliationAnchor.sol pins,
// the digest is EIP-712's as an independent ABI encoding computes it, a fixed key gives a pinned
// signature, and every value is covered by it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AbiCoder, concat, id, keccak256, Signature, TypedDataEncoder, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../proof/hex';
import { decodeBusinessDate, encodeBusinessDate } from './business-date';
import { hashObjections } from './hash-objections';
import { InvalidReconciliationArgumentError, InvalidSignOffSignatureError } from './reconciliation-anchor-errors';
import { recoverStatementSigner, verifyStatementSigner } from './recover-statement-signer';
import { signStatementSignOff } from './sign-statement-sign-off';
import {
  NO_OBJECTIONS,
  STATEMENT_SIGN_OFF_TYPES,
  statementSignOffDigest,
  statementSignOffTypedData,
  type StatementSignOff,
} from './statement-typed-data';

// A fixed, public test key (the private key 0x01…01): never a real bank's.
const BANK_KEY = new Wallet(`0x${'01'.repeat(32)}`);
const OTHER_KEY = new Wallet(`0x${'02'.repeat(32)}`);
const bytes = (byte: number) => new Uint8Array(32).fill(byte);
const EMPTY_ROOT = fromHex('0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');

const signOff = (changes: Partial<StatementSignOff> = {}): StatementSignOff => ({
  chainId: 31337n,
  contract: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  pairId: bytes(0x11),
  businessDate: '2026-12-01',
  statementHash: bytes(0x22),
  sideA: { root: bytes(0x33), rowCount: 15_000_000 },
  sideB: { root: bytes(0x44), rowCount: 14_999_999 },
  party: 'bank-b',
  decision: 'disputed',
  objectionsHash: hashObjections('Row 0x0b7d… is a repayment we booked on 2026-12-02.'),
  ...changes,
});

const PINNED = {
  digest: '0x9bb62f2d5a87154c504617c1c81a958f383fd5392de0dbcf1c52da06c24f9cce',
  signature: '0x9119614dae710f5ae9f9dd232f61da55bb84b6aa3027123374add1784bdfbdcc12cb1cc73a9ea67c2a698621cdc0e61f7df120ccfdb3d35d7e0b58657288fde41b',
};

describe('statementSignOffTypedData', () => {
  it('has the type string ReconciliationAnchor.sol hashes, fields in the pinned order', () => {
    const source = readFileSync(path.resolve(import.meta.dirname, '../../contracts/ReconciliationAnchor.sol'), 'utf8');
    const onChain = /"(StatementSignOff\([^"]+\))"/.exec(source)?.[1];
    const encoder = TypedDataEncoder.from(statementSignOffTypedData(signOff()).types);
    expect(encoder.primaryType).toBe('StatementSignOff');
    expect(encoder.encodeType('StatementSignOff')).toBe(onChain);
    expect(STATEMENT_SIGN_OFF_TYPES.StatementSignOff.map((field) => field.name)).toEqual([
      'pairId', 'businessDate', 'statementHash', 'rootA', 'rowCountA', 'rootB', 'rowCountB', 'party', 'decision', 'objectionsHash',
    ]);
  });

  it('gives the EIP-712 digest an independent ABI encoding gives, as the contract computes it', () => {
    const value = signOff();
    const abi = AbiCoder.defaultAbiCoder();
    const domainSeparator = keccak256(
      abi.encode(
        ['bytes32', 'bytes32', 'bytes32', 'uint256', 'address'],
        [id('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'), id('Evident Reconciliation'), id('1'), 31337n, value.contract],
      ),
    );
    const typeHash = id(TypedDataEncoder.from(statementSignOffTypedData(value).types).encodeType('StatementSignOff'));
    const structHash = keccak256(
      abi.encode(
        ['bytes32', 'bytes32', 'uint32', 'bytes32', 'bytes32', 'uint64', 'bytes32', 'uint64', 'uint8', 'uint8', 'bytes32'],
        [typeHash, value.pairId, 20261201, value.statementHash, value.sideA.root, 15_000_000n, value.sideB.root, 14_999_999n, 1, 2, value.objectionsHash],
      ),
    );
    const expected = keccak256(concat(['0x1901', domainSeparator, structHash]));
    const { domain, types, value: message } = statementSignOffTypedData(value);
    expect(TypedDataEncoder.hash(domain, types, message)).toBe(expected);
    expect(statementSignOffDigest(value)).toBe(expected);
    expect(expected).toBe(PINNED.digest);
  });

  it('gives a pinned signature for a fixed key, which recovers to that key', async () => {
    const signature = await signStatementSignOff(BANK_KEY, signOff());
    expect(signature).toBe(PINNED.signature);
    expect(recoverStatementSigner(signOff(), signature)).toBe(BANK_KEY.address.toLowerCase());
    expect(() => verifyStatementSigner(signOff(), signature, BANK_KEY.address)).not.toThrow();
  });

  it.each<[string, Partial<StatementSignOff>]>([
    ['chainId', { chainId: 1n }],
    ['contract', { contract: '0x' + '5'.repeat(40) }],
    ['pairId', { pairId: bytes(0x12) }],
    ['businessDate', { businessDate: '2026-12-02' }],
    ['statementHash', { statementHash: bytes(0x23) }],
    ['sideA.root', { sideA: { root: bytes(0x34), rowCount: 15_000_000 } }],
    ['sideA.rowCount', { sideA: { root: bytes(0x33), rowCount: 15_000_001 } }],
    ['sideB.root', { sideB: { root: bytes(0x45), rowCount: 14_999_999 } }],
    ['sideB.rowCount', { sideB: { root: bytes(0x44), rowCount: 1 } }],
    ['party', { party: 'bank-a' }],
    ['decision and objections', { decision: 'agreed', objectionsHash: NO_OBJECTIONS }],
    ['objectionsHash', { objectionsHash: hashObjections('Another objection.') }],
  ])('no longer verifies as the bank’s when %s changes', async (_field, changes) => {
    const signature = await signStatementSignOff(BANK_KEY, signOff());
    const changed = signOff(changes);
    expect(statementSignOffDigest(changed)).not.toBe(statementSignOffDigest(signOff()));
    expect(() => verifyStatementSigner(changed, signature, BANK_KEY.address)).toThrow(InvalidSignOffSignatureError);
  });

  it('names the other key when another key signed', async () => {
    const signature = await signStatementSignOff(OTHER_KEY, signOff());
    expect(() => verifyStatementSigner(signOff(), signature, BANK_KEY.address)).toThrow(
      `signature was made by ${OTHER_KEY.address.toLowerCase()}, not by ${BANK_KEY.address.toLowerCase()}`,
    );
  });

  it('refuses the high-s twin of a signature and a v other than 27 or 28', async () => {
    const { r, s, v } = Signature.from(await signStatementSignOff(BANK_KEY, signOff()));
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const highS = toHex(fromHex(`0x${(n - BigInt(s)).toString(16).padStart(64, '0')}`));
    const twin = `${r}${highS.slice(2)}${(v === 27 ? 28 : 27).toString(16)}`;
    expect(() => recoverStatementSigner(signOff(), twin)).toThrow(expect.objectContaining({ reason: 's-out-of-range' }));
    const badV = `${r}${s.slice(2)}1d`;
    expect(() => recoverStatementSigner(signOff(), badV)).toThrow(expect.objectContaining({ reason: 'invalid-v' }));
    expect(() => recoverStatementSigner(signOff(), '0x1234')).toThrow(expect.objectContaining({ reason: 'not-65-bytes' }));
  });

  it.each<[string, Partial<StatementSignOff>, RegExp]>([
    ['objectionsHash', { decision: 'agreed' }, /objectionsHash must be 32 zero bytes .* when the decision is agreed/],
    ['objectionsHash', { objectionsHash: NO_OBJECTIONS }, /objectionsHash must be the SHA-256 of the objections text when the decision is disputed/],
    ['decision', { party: 'evident' }, /decision of Evident’s countersignature is always agreed/],
    ['decision', { decision: 'maybe' as never }, /decision must be agreed or disputed, got "maybe"/],
    ['party', { party: 'bank-c' as never }, /party must be one of bank-a, bank-b, evident, got "bank-c"/],
    ['businessDate', { businessDate: '2026-02-29' }, /businessDate must be a calendar date YYYY-MM-DD .*"2026-02-29"/],
    ['pairId', { pairId: new Uint8Array(31) }, /pairId must be 32 bytes \(a Uint8Array\), got 31 bytes/],
    ['statementHash', { statementHash: new Uint8Array(32) }, /statementHash must not be 32 zero bytes/],
    ['sideA.root', { sideA: { root: bytes(0x33), rowCount: 0 } }, /sideA.root of a side with no rows must be SHA-256 of the empty string/],
    ['sideB.rowCount', { sideB: { root: bytes(0x44), rowCount: -1 } }, /sideB.rowCount must be a whole number of rows/],
    ['contract', { contract: '0x5FBDB2315678afecb367f032d93F642f64180aa4' }, /contract must be a 20-byte 0x-hex address/],
    ['chainId', { chainId: 0n }, /chainId must be a positive bigint/],
  ])('refuses a wrong %s, naming it', (argument, changes, message) => {
    expect(() => statementSignOffTypedData(signOff(changes))).toThrow(message);
    expect(() => statementSignOffTypedData(signOff(changes))).toThrow(expect.objectContaining({ argument }));
  });

  it('signs an empty side with the empty root', () => {
    expect(() => statementSignOffTypedData(signOff({ sideA: { root: EMPTY_ROOT, rowCount: 0 } }))).not.toThrow();
  });
});

describe('hashObjections', () => {
  it('is SHA-256 of the text’s UTF-8 bytes as written', () => {
    const text = '第 12 行分成四舍五入差 1 分，不予确认。\n';
    expect(toHex(hashObjections(text))).toBe(`0x${createHash('sha256').update(text, 'utf8').digest('hex')}`);
    expect(toHex(hashObjections(text))).not.toBe(toHex(hashObjections(text.trim())));
  });

  it('refuses an empty objection', () => {
    expect(() => hashObjections('  \n')).toThrow(InvalidReconciliationArgumentError);
  });
});

describe('business dates', () => {
  it('cross the chain as YYYYMMDD', () => {
    expect(encodeBusinessDate('2026-12-01')).toBe(20261201);
    expect(encodeBusinessDate('0001-01-01')).toBe(10101);
    expect(decodeBusinessDate(20240229)).toBe('2024-02-29');
    expect(decodeBusinessDate(10101n)).toBe('0001-01-01');
    expect(() => decodeBusinessDate(20230229)).toThrow(/must be a date as the number YYYYMMDD, got 20230229/);
    expect(() => encodeBusinessDate('2026-13-01')).toThrow(InvalidReconciliationArgumentError);
  });
});
