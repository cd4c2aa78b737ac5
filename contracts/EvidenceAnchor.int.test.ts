// The contract's own rules, exercised on a real anvil node: who may anchor, what may be anchored,
// and that a root is written once.
import { randomBytes } from 'node:crypto';
import { Contract, hexlify, isCallException, Wallet, ZeroHash, type ContractTransactionResponse } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_ANCHOR_ABI, EVIDENCE_ANCHOR_INTERFACE } from '../lib/chain/anchor-abi';
import { closeChain, connectChain, type ChainConnection } from '../lib/chain/connect-chain';
import { deployAnchorContract } from '../lib/chain/deploy-anchor-contract';
import { LOCAL_CHAIN_DEV_PRIVATE_KEY, startLocalChain, type LocalChain } from '../lib/chain/start-local-chain';
import { waitForReceipt } from '../lib/chain/wait-for-receipt';

// anvil's default accounts #1 and #2: funded, not members until added.
const SECOND_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const THIRD_KEY = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';

let chain: LocalChain;
let admin: ChainConnection;
let second: ChainConnection;
let address: string;
let asAdmin: Contract;
let asSecond: Contract;

const root = () => hexlify(randomBytes(32));
const addressOf = (key: string) => new Wallet(key).address;

beforeAll(async () => {
  chain = await startLocalChain({ port: 0 });
  admin = await connectChain({ rpcUrl: chain.rpcUrl, privateKey: LOCAL_CHAIN_DEV_PRIVATE_KEY });
  second = await connectChain({ rpcUrl: chain.rpcUrl, privateKey: SECOND_KEY });
  address = (await deployAnchorContract(admin)).address;
  asAdmin = new Contract(address, EVIDENCE_ANCHOR_ABI, admin.signer);
  asSecond = new Contract(address, EVIDENCE_ANCHOR_ABI, second.signer);
});

afterAll(async () => {
  if (admin) closeChain(admin);
  if (second) closeChain(second);
  await chain?.stop();
});

async function mined(sending: Promise<ContractTransactionResponse>) {
  const tx = await sending;
  const receipt = await waitForReceipt(admin.provider, tx.hash, { timeoutMs: 10_000 });
  expect(receipt.status).toBe(1);
  return receipt;
}

async function revertName(sending: Promise<unknown>): Promise<string | undefined> {
  const error = await sending.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isCallException(error) || !error.data) throw new Error(`expected a contract revert, got ${String(error)}`);
  return EVIDENCE_ANCHOR_INTERFACE.parseError(error.data)?.name;
}

describe('EvidenceAnchor', () => {
  it('makes the deployer admin and first member', async () => {
    const deployer = admin.signer!.address;
    expect(await asAdmin.admin()).toBe(deployer);
    expect(await asAdmin.isMember(deployer)).toBe(true);
    expect(await asAdmin.isMember(second.signer!.address)).toBe(false);
    expect(await asAdmin.anchorCount()).toBe(0n);
  });

  it('stores an anchor once, with its block, and counts it', async () => {
    const r = root();
    const countBefore = (await asAdmin.anchorCount()) as bigint;
    const receipt = await mined(asAdmin.anchor(r, 5n, 10n));
    const block = await admin.provider.getBlock(receipt.blockNumber);

    const [blockNumber, blockTime, firstSequence, leafCount, submitter] = await asAdmin.getAnchor(r);
    expect([blockNumber, blockTime, firstSequence, leafCount, submitter]).toEqual([
      BigInt(receipt.blockNumber),
      BigInt(block!.timestamp),
      5n,
      10n,
      admin.signer!.address,
    ]);
    expect(await asAdmin.anchorCount()).toBe(countBefore + 1n);

    const event = EVIDENCE_ANCHOR_INTERFACE.parseLog(receipt.logs[0]!);
    expect(event?.name).toBe('RootAnchored');
    expect(event?.args.toObject()).toEqual({
      root: r,
      submitter: admin.signer!.address,
      firstSequence: 5n,
      leafCount: 10n,
      blockTime: BigInt(block!.timestamp),
    });

    expect(await revertName(asAdmin.anchor(r, 5n, 10n))).toBe('RootAlreadyAnchored');
  });

  it('returns zeros for a root never anchored', async () => {
    expect([...(await asAdmin.getAnchor(root()))]).toEqual([0n, 0n, 0n, 0n, '0x0000000000000000000000000000000000000000']);
  });

  it('refuses an empty root and an empty batch', async () => {
    expect(await revertName(asAdmin.anchor(ZeroHash, 0n, 1n))).toBe('EmptyRoot');
    expect(await revertName(asAdmin.anchor(root(), 0n, 0n))).toBe('EmptyBatch');
  });

  it('lets only members anchor, and only the admin change members', async () => {
    const secondAddress = second.signer!.address;
    expect(await revertName(asSecond.anchor(root(), 0n, 1n))).toBe('NotMember');
    expect(await revertName(asSecond.addMember(secondAddress))).toBe('NotAdmin');

    const added = await mined(asAdmin.addMember(secondAddress));
    expect(EVIDENCE_ANCHOR_INTERFACE.parseLog(added.logs[0]!)?.name).toBe('MemberAdded');
    expect(await asAdmin.isMember(secondAddress)).toBe(true);
    await mined(asSecond.anchor(root(), 0n, 1n));

    expect(await revertName(asSecond.removeMember(addressOf(THIRD_KEY)))).toBe('NotAdmin');
    const removed = await mined(asAdmin.removeMember(secondAddress));
    expect(EVIDENCE_ANCHOR_INTERFACE.parseLog(removed.logs[0]!)?.name).toBe('MemberRemoved');
    expect(await asAdmin.isMember(secondAddress)).toBe(false);
    expect(await revertName(asSecond.anchor(root(), 0n, 1n))).toBe('NotMember');
  });
});
