// The ReconciliationAnchor's rules on a real anvil node (docs/reconciliation-format.md §11): a day is
// three transactions (bank A's side, bank B's side, the statement with both banks' sign-offs), each
// sign-off is checked on chain against the consortium's members in EvidenceAnchor, and what was
// recorded reads back as it was sent. Sent through lib/chain's functions where a caller would use
// them, and straight to the contract where a caller's own checks would stop a bad value first.
import { randomBytes } from 'node:crypto';
import { AbiCoder, Contract, getBytes, hexlify, id, isCallException, Signature, TypedDataEncoder, ZeroHash } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorReconciliationSide, type ReconciliationSide } from '../lib/chain/anchor-reconciliation-side';
import { closeChain, connectChain, type ChainConnection } from '../lib/chain/connect-chain';
import { deployAnchorContract } from '../lib/chain/deploy-anchor-contract';
import { deployReconciliationAnchor } from '../lib/chain/deploy-reconciliation-anchor';
import { RECONCILIATION_ANCHOR_ABI, RECONCILIATION_ANCHOR_INTERFACE } from '../lib/chain/reconciliation-anchor-abi';
import { recordReconciliationStatement, type SignedSignOff } from '../lib/chain/record-reconciliation-statement';
import { LOCAL_CHAIN_DEV_PRIVATE_KEY, startLocalChain, type LocalChain } from '../lib/chain/start-local-chain';
import { waitForReceipt } from '../lib/chain/wait-for-receipt';
import { AnchorTransactionFailedError } from '../lib/proof/chain-errors';
import { toHex } from '../lib/proof/hex';
import { hashObjections } from '../lib/reconciliation/hash-objections';
import { readReconciliationDay } from '../lib/reconciliation/read-reconciliation-day';
import { InvalidReconciliationArgumentError } from '../lib/reconciliation/reconciliation-anchor-errors';
import { recoverStatementSigner } from '../lib/reconciliation/recover-statement-signer';
import { signStatementSignOff } from '../lib/reconciliation/sign-statement-sign-off';
import {
  NO_OBJECTIONS,
  statementSignOffDigest,
  statementSignOffTypedData,
  type SignOffDecision,
  type SignOffParty,
  type StatementSignOff,
} from '../lib/reconciliation/statement-typed-data';

// anvil's default accounts #1 to #3: bank A and bank B (members), and an outsider.
const KEY_A = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const KEY_B = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';
const KEY_C = '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6';
const EMPTY_ROOT = getBytes('0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const BUSINESS_DATE = '2026-12-01';
const random32 = () => new Uint8Array(randomBytes(32));

let chain: LocalChain;
/** Evident: the operator key, a member; it anchors the sides and records the statement. */
let evident: ChainConnection;
let bankA: ChainConnection;
let bankB: ChainConnection;
/** Funded, but no member. */
let outsider: ChainConnection;
let contractAddress: string;

const addressOf = (connection: ChainConnection) => connection.signer!.address.toLowerCase();
const contractAs = (connection: ChainConnection) => new Contract(contractAddress, RECONCILIATION_ANCHOR_ABI, connection.signer);

beforeAll(async () => {
  chain = await startLocalChain({ port: 0 });
  [evident, bankA, bankB, outsider] = await Promise.all(
    [LOCAL_CHAIN_DEV_PRIVATE_KEY, KEY_A, KEY_B, KEY_C].map((privateKey) => connectChain({ rpcUrl: chain.rpcUrl, privateKey })),
  );
  const membership = await deployAnchorContract(evident, { initialMembers: [evident, bankA, bankB].map(addressOf) });
  ({ address: contractAddress } = await deployReconciliationAnchor(evident, { evidenceAnchorAddress: membership.address }));
});

afterAll(async () => {
  for (const connection of [evident, bankA, bankB, outsider]) if (connection) closeChain(connection);
  await chain?.stop();
});

interface Day {
  pairId: Uint8Array;
  statementHash: Uint8Array;
  sides: Record<'bank-a' | 'bank-b', ReconciliationSide>;
}

function newDay({ rowCountA = 5, rowCountB = 4 } = {}): Day {
  const pairId = random32();
  const side = (bank: 'bank-a' | 'bank-b', rowCount: number): ReconciliationSide => ({
    pairId,
    businessDate: BUSINESS_DATE,
    bank,
    root: rowCount === 0 ? EMPTY_ROOT : random32(),
    rowCount,
    receiptHash: random32(),
  });
  return { pairId, statementHash: random32(), sides: { 'bank-a': side('bank-a', rowCountA), 'bank-b': side('bank-b', rowCountB) } };
}

async function anchorSides(day: Day, banks: Array<'bank-a' | 'bank-b'> = ['bank-a', 'bank-b']) {
  const sent = [];
  for (const bank of banks) {
    sent.push(await anchorReconciliationSide(evident, { signer: evident.signer!, contractAddress, side: day.sides[bank] }));
  }
  return sent;
}

function signOffOf(day: Day, party: SignOffParty, decision: SignOffDecision = 'agreed', objections?: string): StatementSignOff {
  const { 'bank-a': a, 'bank-b': b } = day.sides;
  return {
    chainId: evident.chainId,
    contract: contractAddress,
    pairId: day.pairId,
    businessDate: BUSINESS_DATE,
    statementHash: day.statementHash,
    sideA: { root: a.root, rowCount: a.rowCount },
    sideB: { root: b.root, rowCount: b.rowCount },
    party,
    decision,
    objectionsHash: objections === undefined ? NO_OBJECTIONS : hashObjections(objections),
  };
}

async function signedBy(signer: ChainConnection, signOff: StatementSignOff): Promise<SignedSignOff> {
  return { signOff, signature: await signStatementSignOff(signer.signer!, signOff) };
}

/** recordStatement's arguments for two sign-offs, with any of them replaced. */
function recordArguments(
  a: SignedSignOff,
  b: SignedSignOff,
  replaced: { statementHash?: string; decisions?: number[]; objectionsHashes?: string[]; signatureA?: string } = {},
) {
  const valueA = statementSignOffTypedData(a.signOff).value;
  const valueB = statementSignOffTypedData(b.signOff).value;
  return [
    valueA.pairId,
    valueA.businessDate,
    replaced.statementHash ?? valueA.statementHash,
    replaced.decisions ?? [valueA.decision, valueB.decision],
    replaced.objectionsHashes ?? [valueA.objectionsHash, valueB.objectionsHash],
    replaced.signatureA ?? a.signature,
    b.signature,
  ];
}

/** The custom error a call reverts with, decoded: its name and arguments. */
async function revertOf(sending: Promise<unknown>): Promise<{ name: string; args: unknown[] }> {
  const error = await sending.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isCallException(error) || !error.data) throw new Error(`expected a contract revert, got ${String(error)}`);
  const parsed = RECONCILIATION_ANCHOR_INTERFACE.parseError(error.data);
  if (!parsed) throw new Error(`the revert data ${error.data} is no error of ReconciliationAnchor`);
  return { name: parsed.name, args: [...parsed.args] };
}

/** The error a lib/chain function failed with. */
async function failureOf(sending: Promise<unknown>): Promise<Error> {
  const error = await sending.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error(`expected a failure, got ${String(error)}`);
  return error;
}

async function eventsOf(txHash: string) {
  const receipt = await waitForReceipt(evident, txHash, { timeoutMs: 10_000 });
  return receipt.logs.map((log) => {
    const parsed = RECONCILIATION_ANCHOR_INTERFACE.parseLog(log)!;
    return { name: parsed.name, args: parsed.args.toObject() };
  });
}

describe('a reconciliation day on chain', () => {
  it('takes three transactions: both sides, then the statement both banks signed off; events and reads say what was sent', async () => {
    const day = newDay();
    const [sentA, sentB] = await anchorSides(day);
    for (const [sent, bank, index] of [[sentA, 'bank-a', 0n], [sentB, 'bank-b', 1n]] as const) {
      const block = await evident.provider.getBlock(sent.blockNumber);
      expect(await eventsOf(sent.txHash)).toEqual([
        {
          name: 'SideAnchored',
          args: {
            pairId: toHex(day.pairId),
            businessDate: 20261201n,
            bank: index,
            root: toHex(day.sides[bank].root),
            rowCount: BigInt(day.sides[bank].rowCount),
            receiptHash: toHex(day.sides[bank].receiptHash),
            submitter: evident.signer!.address,
            blockTime: BigInt(block!.timestamp),
          },
        },
      ]);
    }

    const objections = '第 3 行：该笔还款我行记账日为 2026-12-02。';
    const signedA = await signedBy(bankA, signOffOf(day, 'bank-a'));
    const signedB = await signedBy(bankB, signOffOf(day, 'bank-b', 'disputed', objections));
    const recorded = await recordReconciliationStatement(evident, { signer: evident.signer!, bankA: signedA, bankB: signedB });
    const block = await evident.provider.getBlock(recorded.blockNumber);
    expect(await eventsOf(recorded.txHash)).toEqual([
      {
        name: 'StatementConfirmed',
        args: { pairId: toHex(day.pairId), businessDate: 20261201n, bank: 0n, signer: bankA.signer!.address, decision: 1n, objectionsHash: ZeroHash },
      },
      {
        name: 'StatementConfirmed',
        args: {
          pairId: toHex(day.pairId),
          businessDate: 20261201n,
          bank: 1n,
          signer: bankB.signer!.address,
          decision: 2n,
          objectionsHash: toHex(hashObjections(objections)),
        },
      },
      {
        name: 'StatementRecorded',
        args: {
          pairId: toHex(day.pairId),
          businessDate: 20261201n,
          statementHash: toHex(day.statementHash),
          submitter: evident.signer!.address,
          blockTime: BigInt(block!.timestamp),
        },
      },
    ]);

    const sideOnChain = (bank: 'bank-a' | 'bank-b', blockNumber: bigint) => ({
      root: day.sides[bank].root,
      rowCount: day.sides[bank].rowCount,
      receiptHash: day.sides[bank].receiptHash,
      submitter: addressOf(evident),
      blockNumber,
      blockTime: expect.any(BigInt),
    });
    expect(await readReconciliationDay(evident, { contract: contractAddress, pairId: day.pairId, businessDate: BUSINESS_DATE })).toEqual({
      sideA: sideOnChain('bank-a', sentA.blockNumber),
      sideB: sideOnChain('bank-b', sentB.blockNumber),
      statement: {
        statementHash: day.statementHash,
        submitter: addressOf(evident),
        blockNumber: recorded.blockNumber,
        blockTime: BigInt(block!.timestamp),
        bankA: { signer: addressOf(bankA), decision: 'agreed', objectionsHash: NO_OBJECTIONS },
        bankB: { signer: addressOf(bankB), decision: 'disputed', objectionsHash: hashObjections(objections) },
      },
    });

    // Every log the contract wrote about this pair came from those three transactions.
    const logs = await evident.provider.getLogs({ address: contractAddress, topics: [null, toHex(day.pairId)], fromBlock: 0 });
    expect(logs).toHaveLength(5);
    expect(new Set(logs.map((log) => log.transactionHash))).toEqual(new Set([sentA.txHash, sentB.txHash, recorded.txHash]));
  });

  it('hashes the sign-off on chain exactly as lib/reconciliation does, Evident’s countersignature included', async () => {
    const day = newDay();
    await anchorSides(day);
    const contract = contractAs(evident);
    const { domain, types } = statementSignOffTypedData(signOffOf(day, 'bank-a'));
    expect(await contract.domainSeparator()).toBe(TypedDataEncoder.hashDomain(domain));
    expect(await contract.SIGN_OFF_TYPEHASH()).toBe(id(TypedDataEncoder.from(types).encodeType('StatementSignOff')));

    const objections = 'Totals differ in fee/settled.';
    for (const [signOff, party] of [
      [signOffOf(day, 'bank-a'), 0],
      [signOffOf(day, 'bank-b', 'disputed', objections), 1],
      [signOffOf(day, 'evident'), 2],
    ] as const) {
      const { value } = statementSignOffTypedData(signOff);
      expect(await contract.signOffDigest(value.pairId, value.businessDate, value.statementHash, party, value.decision, value.objectionsHash)).toBe(
        statementSignOffDigest(signOff),
      );
    }
    const countersigned = await signedBy(evident, signOffOf(day, 'evident'));
    expect(recoverStatementSigner(countersigned.signOff, countersigned.signature)).toBe(addressOf(evident));
  });

  it('takes the same three transactions for a day of empty sides and for 15 million rows a side', async () => {
    for (const rowCounts of [{ rowCountA: 0, rowCountB: 0 }, { rowCountA: 15_000_000, rowCountB: 15_000_000 }]) {
      const day = newDay(rowCounts);
      const sent = await anchorSides(day);
      const signedA = await signedBy(bankA, signOffOf(day, 'bank-a'));
      const signedB = await signedBy(bankB, signOffOf(day, 'bank-b'));
      sent.push(await recordReconciliationStatement(evident, { signer: evident.signer!, bankA: signedA, bankB: signedB }));
      const logs = await evident.provider.getLogs({ address: contractAddress, topics: [null, toHex(day.pairId)], fromBlock: 0 });
      expect(new Set(logs.map((log) => log.transactionHash)).size).toBe(3);
      const onChain = await readReconciliationDay(evident, { contract: contractAddress, pairId: day.pairId, businessDate: BUSINESS_DATE });
      expect([onChain.sideA?.rowCount, onChain.sideB?.rowCount, onChain.statement?.bankA.decision]).toEqual([rowCounts.rowCountA, rowCounts.rowCountB, 'agreed']);
    }
  });

  it('reads a day with nothing anchored as nulls, and a day with one side as that side only', async () => {
    const day = newDay();
    const read = () => readReconciliationDay(evident, { contract: contractAddress, pairId: day.pairId, businessDate: BUSINESS_DATE });
    expect(await read()).toEqual({ sideA: null, sideB: null, statement: null });
    await anchorSides(day, ['bank-b']);
    expect(await read()).toMatchObject({ sideA: null, sideB: { root: day.sides['bank-b'].root }, statement: null });
  });
});

describe('what the contract refuses', () => {
  it('a sender that is not a consortium member, for a side and for a statement', async () => {
    const day = newDay();
    const refused = await failureOf(anchorReconciliationSide(outsider, { signer: outsider.signer!, contractAddress, side: day.sides['bank-a'] }));
    expect(refused).toBeInstanceOf(AnchorTransactionFailedError);
    expect(refused).toMatchObject({
      reason: 'contract-revert',
      revertError: 'NotMember',
      message: expect.stringContaining(`the sender ${addressOf(outsider)} is not a member of the consortium`),
    });
    await anchorSides(day);
    const a = await signedBy(bankA, signOffOf(day, 'bank-a'));
    const b = await signedBy(bankB, signOffOf(day, 'bank-b'));
    expect(await revertOf(contractAs(outsider).recordStatement(...recordArguments(a, b)))).toEqual({
      name: 'NotMember',
      args: [outsider.signer!.address],
    });
  });

  it('a sign-off signed by a key that is not a member', async () => {
    const day = newDay();
    await anchorSides(day);
    const a = await signedBy(bankA, signOffOf(day, 'bank-a'));
    const b = await signedBy(outsider, signOffOf(day, 'bank-b'));
    await expect(recordReconciliationStatement(evident, { signer: evident.signer!, bankA: a, bankB: b })).rejects.toMatchObject({
      revertError: 'SignerNotMember',
      message: expect.stringContaining(`bank B's signature recovers to ${addressOf(outsider)}, which is not a consortium member`),
    });
    expect(await revertOf(contractAs(evident).recordStatement(...recordArguments(a, b)))).toEqual({
      name: 'SignerNotMember',
      args: [1n, outsider.signer!.address],
    });
  });

  it('both sign-offs signed by one bank, and a bank sign-off signed with the sender’s own key', async () => {
    const day = newDay();
    await anchorSides(day);
    const a = await signedBy(bankA, signOffOf(day, 'bank-a'));
    const bByA = await signedBy(bankA, signOffOf(day, 'bank-b'));
    expect(await revertOf(contractAs(evident).recordStatement(...recordArguments(a, bByA)))).toEqual({
      name: 'SameSigner',
      args: [bankA.signer!.address],
    });
    const aByEvident = await signedBy(evident, signOffOf(day, 'bank-a'));
    const b = await signedBy(bankB, signOffOf(day, 'bank-b'));
    expect(await revertOf(contractAs(evident).recordStatement(...recordArguments(aByEvident, b)))).toEqual({
      name: 'SignerIsSender',
      args: [0n, evident.signer!.address],
    });
  });

  it('a statement before both sides are anchored', async () => {
    const day = newDay();
    const a = await signedBy(bankA, signOffOf(day, 'bank-a'));
    const b = await signedBy(bankB, signOffOf(day, 'bank-b'));
    expect(await revertOf(contractAs(evident).recordStatement(...recordArguments(a, b)))).toEqual({
      name: 'SideNotAnchored',
      args: [toHex(day.pairId), 20261201n, 0n],
    });
    await anchorSides(day, ['bank-a']);
    await expect(recordReconciliationStatement(evident, { signer: evident.signer!, bankA: a, bankB: b })).rejects.toMatchObject({
      revertError: 'SideNotAnchored',
      message: expect.stringContaining(`bank B's side of pair ${toHex(day.pairId)} on 20261201 is not anchored yet`),
    });
    await anchorSides(day, ['bank-b']);
    await recordReconciliationStatement(evident, { signer: evident.signer!, bankA: a, bankB: b });
  });

  it('a second statement for the same day, and a side anchored twice', async () => {
    const day = newDay();
    await anchorSides(day);
    const a = await signedBy(bankA, signOffOf(day, 'bank-a'));
    const b = await signedBy(bankB, signOffOf(day, 'bank-b'));
    await recordReconciliationStatement(evident, { signer: evident.signer!, bankA: a, bankB: b });
    expect(await revertOf(contractAs(evident).recordStatement(...recordArguments(a, b)))).toEqual({
      name: 'StatementAlreadyRecorded',
      args: [toHex(day.pairId), 20261201n],
    });
    const other = { ...day, statementHash: random32() };
    const a2 = await signedBy(bankA, signOffOf(other, 'bank-a'));
    const b2 = await signedBy(bankB, signOffOf(other, 'bank-b'));
    expect((await revertOf(contractAs(evident).recordStatement(...recordArguments(a2, b2)))).name).toBe('StatementAlreadyRecorded');
    await expect(anchorReconciliationSide(evident, { signer: evident.signer!, contractAddress, side: day.sides['bank-b'] })).rejects.toMatchObject({
      revertError: 'SideAlreadyAnchored',
    });
  });

  it('a statement hash other than the one the banks signed', async () => {
    const day = newDay();
    await anchorSides(day);
    const a = await signedBy(bankA, signOffOf(day, 'bank-a'));
    const b = await signedBy(bankB, signOffOf(day, 'bank-b'));
    const tampered = hexlify(randomBytes(32));
    const { name, args } = await revertOf(contractAs(evident).recordStatement(...recordArguments(a, b, { statementHash: tampered })));
    // The signature is A's over the true hash; over the tampered one it recovers to a stranger.
    expect(name).toBe('SignerNotMember');
    expect(args[0]).toBe(0n);
    expect(String(args[1]).toLowerCase()).not.toBe(addressOf(bankA));
    expect((await readReconciliationDay(evident, { contract: contractAddress, pairId: day.pairId, businessDate: BUSINESS_DATE })).statement).toBeNull();
  });

  it('the high-s twin of a valid signature, although ecrecover takes it for the same key', async () => {
    const day = newDay();
    await anchorSides(day);
    const a = await signedBy(bankA, signOffOf(day, 'bank-a'));
    const b = await signedBy(bankB, signOffOf(day, 'bank-b'));
    const { r, s, v } = Signature.from(a.signature);
    const twinS = `0x${(SECP256K1_N - BigInt(s)).toString(16).padStart(64, '0')}`;
    const twinV = v === 27 ? 28 : 27;
    const digest = statementSignOffDigest(a.signOff);
    const recovered = await evident.provider.call({
      to: '0x0000000000000000000000000000000000000001',
      data: AbiCoder.defaultAbiCoder().encode(['bytes32', 'uint8', 'bytes32', 'bytes32'], [digest, twinV, r, twinS]),
    });
    expect(`0x${recovered.slice(26)}`).toBe(addressOf(bankA));

    const twin = `${r}${twinS.slice(2)}${twinV.toString(16)}`;
    expect(await revertOf(contractAs(evident).recordStatement(...recordArguments(a, b, { signatureA: twin })))).toEqual({
      name: 'MalleableSignature',
      args: [0n],
    });
    expect((await revertOf(contractAs(evident).recordStatement(...recordArguments(a, b, { signatureA: a.signature.slice(0, -2) })))).name).toBe(
      'MalformedSignature',
    );
  });

  it('decisions and objections that do not agree, and a decision that is neither', async () => {
    const day = newDay();
    await anchorSides(day);
    const a = await signedBy(bankA, signOffOf(day, 'bank-a'));
    const b = await signedBy(bankB, signOffOf(day, 'bank-b'));
    const objections = toHex(hashObjections('an objection'));
    expect(await revertOf(contractAs(evident).recordStatement(...recordArguments(a, b, { objectionsHashes: [objections, ZeroHash] })))).toEqual({
      name: 'ObjectionsDoNotMatchDecision',
      args: [0n, 1n, objections],
    });
    expect(await revertOf(contractAs(evident).recordStatement(...recordArguments(a, b, { decisions: [1, 2] })))).toEqual({
      name: 'ObjectionsDoNotMatchDecision',
      args: [1n, 2n, ZeroHash],
    });
    expect(await revertOf(contractAs(evident).recordStatement(...recordArguments(a, b, { decisions: [3, 1] })))).toEqual({
      name: 'InvalidDecision',
      args: [0n, 3n],
    });
  });

  it('sides that name no day or no root', async () => {
    const day = newDay();
    const side = day.sides['bank-a'];
    const anchorSide = (changes: Partial<{ pairId: string; businessDate: number; bank: number; root: string; rowCount: bigint; receiptHash: string }>) => {
      const values = { pairId: toHex(side.pairId), businessDate: 20261201, bank: 0, root: toHex(side.root), rowCount: 5n, receiptHash: toHex(side.receiptHash), ...changes };
      return revertOf(contractAs(evident).anchorSide(values.pairId, values.businessDate, values.bank, values.root, values.rowCount, values.receiptHash));
    };
    expect(await anchorSide({ pairId: ZeroHash })).toEqual({ name: 'EmptyPairId', args: [] });
    expect(await anchorSide({ businessDate: 20261301 })).toEqual({ name: 'InvalidBusinessDate', args: [20261301n] });
    expect(await anchorSide({ bank: 2 })).toEqual({ name: 'InvalidBank', args: [2n] });
    expect(await anchorSide({ root: ZeroHash })).toEqual({ name: 'EmptyRoot', args: [] });
    expect(await anchorSide({ rowCount: 0n })).toEqual({ name: 'NotTheEmptyRoot', args: [toHex(side.root)] });
    expect(await anchorSide({ receiptHash: ZeroHash })).toEqual({ name: 'EmptyReceipt', args: [] });
  });
});

describe('the lib/chain functions refuse before sending', () => {
  it('sign-offs of two different statements, naming the value that differs', async () => {
    const day = newDay();
    const a = await signedBy(bankA, signOffOf(day, 'bank-a'));
    const b = await signedBy(bankB, signOffOf({ ...day, statementHash: random32() }, 'bank-b'));
    const refused = await failureOf(recordReconciliationStatement(evident, { signer: evident.signer!, bankA: a, bankB: b }));
    expect(refused).toBeInstanceOf(InvalidReconciliationArgumentError);
    expect(refused).toMatchObject({
      argument: 'bankB.signOff.statementHash',
    });
  });

  it('a ReconciliationAnchor bound to an address without a contract', async () => {
    await expect(deployReconciliationAnchor(evident, { evidenceAnchorAddress: addressOf(outsider) })).rejects.toThrow(
      `evidenceAnchorAddress ${addressOf(outsider)} holds no contract on chain ${evident.chainId}`,
    );
  });
});
