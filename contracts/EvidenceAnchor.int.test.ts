// The contract's own rules, exercised on a real anvil node: who may anchor, what may be anchored,
// that a root is written once, that each member's anchors form an unbroken chain, and that a strict
// majority of the members decides who is one.
import { randomBytes } from 'node:crypto';
import {
  Contract,
  ContractFactory,
  hexlify,
  isCallException,
  ZeroAddress,
  ZeroHash,
  type ContractTransactionResponse,
} from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_ANCHOR_ABI, EVIDENCE_ANCHOR_BYTECODE, EVIDENCE_ANCHOR_INTERFACE } from '../lib/chain/anchor-abi';
import { closeChain, connectChain, type ChainConnection } from '../lib/chain/connect-chain';
import { deployAnchorContract } from '../lib/chain/deploy-anchor-contract';
import { LOCAL_CHAIN_DEV_PRIVATE_KEY, startLocalChain, type LocalChain } from '../lib/chain/start-local-chain';
import { waitForReceipt } from '../lib/chain/wait-for-receipt';

// anvil's default accounts #1 to #3: funded, members only of the contracts that say so.
const KEY_A = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const KEY_B = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';
const KEY_C = '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6';

let chain: LocalChain;
/** anvil's account #0: deploys every contract; a member only of those deployed without founders. */
let dev: ChainConnection;
let a: ChainConnection;
let b: ChainConnection;
let c: ChainConnection;

const root = () => hexlify(randomBytes(32));
const addressOf = (connection: ChainConnection) => connection.signer!.address;

beforeAll(async () => {
  chain = await startLocalChain({ port: 0 });
  [dev, a, b, c] = await Promise.all(
    [LOCAL_CHAIN_DEV_PRIVATE_KEY, KEY_A, KEY_B, KEY_C].map((privateKey) => connectChain({ rpcUrl: chain.rpcUrl, privateKey })),
  );
});

afterAll(async () => {
  for (const connection of [dev, a, b, c]) if (connection) closeChain(connection);
  await chain?.stop();
});

/** A fresh contract, and a binding of it for each account. */
async function deploy(founders: ChainConnection[] = []) {
  const { address } = await deployAnchorContract(dev, { initialMembers: founders.map(addressOf) });
  const as = (connection: ChainConnection) => new Contract(address, EVIDENCE_ANCHOR_ABI, connection.signer);
  return { address, as, asDev: as(dev), asA: as(a), asB: as(b), asC: as(c) };
}

async function mined(sending: Promise<ContractTransactionResponse>) {
  const tx = await sending;
  const receipt = await waitForReceipt(dev, tx.hash, { timeoutMs: 10_000 });
  expect(receipt.status).toBe(1);
  return receipt;
}

/** The custom error a call reverts with, decoded: its name and arguments. */
async function revertOf(sending: Promise<unknown>): Promise<{ name: string; args: unknown[] }> {
  const error = await sending.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isCallException(error) || !error.data) throw new Error(`expected a contract revert, got ${String(error)}`);
  const parsed = EVIDENCE_ANCHOR_INTERFACE.parseError(error.data);
  if (!parsed) throw new Error(`the revert data ${error.data} is no error of EvidenceAnchor`);
  return { name: parsed.name, args: [...parsed.args] };
}

const revertName = async (sending: Promise<unknown>) => (await revertOf(sending)).name;

function eventsOf(receipt: { logs: ReadonlyArray<{ topics: ReadonlyArray<string>; data: string }> }) {
  return receipt.logs.map((log) => {
    const parsed = EVIDENCE_ANCHOR_INTERFACE.parseLog(log)!;
    return { name: parsed.name, args: parsed.args.toObject() };
  });
}

describe('EvidenceAnchor deployment', () => {
  it('makes the deployer the only member when no founders are given', async () => {
    const { asDev } = await deploy();
    expect(await asDev.isMember(addressOf(dev))).toBe(true);
    expect(await asDev.isMember(addressOf(a))).toBe(false);
    expect(await asDev.memberCount()).toBe(1n);
    expect(await asDev.threshold()).toBe(1n);
    expect(await asDev.anchorCount()).toBe(0n);
    expect(await asDev.lastRootOf(addressOf(dev))).toBe(ZeroHash);
  });

  it('makes exactly the founders members when they are given, the deployer included only if listed', async () => {
    const { asDev } = await deploy([a, b, c]);
    for (const member of [a, b, c]) expect(await asDev.isMember(addressOf(member))).toBe(true);
    expect(await asDev.isMember(addressOf(dev))).toBe(false);
    expect(await asDev.memberCount()).toBe(3n);
    expect(await asDev.threshold()).toBe(2n);
  });

  it('refuses a repeated founder and the zero address', async () => {
    const factory = new ContractFactory(EVIDENCE_ANCHOR_ABI, EVIDENCE_ANCHOR_BYTECODE, dev.signer);
    expect(await revertOf(factory.deploy([addressOf(a), addressOf(a)]))).toEqual({
      name: 'NothingToChange',
      args: [addressOf(a), true],
    });
    expect(await revertName(factory.deploy([addressOf(a), ZeroAddress]))).toBe('ZeroAddress');
  });
});

describe('EvidenceAnchor anchoring', () => {
  it('stores an anchor once, with its block, its member and the previous root, emits the audit head, and counts it', async () => {
    const { asDev } = await deploy();
    const r = root();
    const auditHead = root();
    const receipt = await mined(asDev.anchor(r, ZeroHash, 5n, 10n, auditHead));
    const block = await dev.provider.getBlock(receipt.blockNumber);

    expect([...(await asDev.getAnchor(r))]).toEqual([
      BigInt(receipt.blockNumber),
      BigInt(block!.timestamp),
      5n,
      10n,
      addressOf(dev),
      ZeroHash,
    ]);
    expect(await asDev.anchorCount()).toBe(1n);
    expect(eventsOf(receipt)).toEqual([
      {
        name: 'RootAnchored',
        args: {
          root: r,
          submitter: addressOf(dev),
          previousRoot: ZeroHash,
          firstSequence: 5n,
          leafCount: 10n,
          blockTime: BigInt(block!.timestamp),
          auditHead,
        },
      },
    ]);
  });

  it('returns zeros for a root never anchored', async () => {
    const { asDev } = await deploy();
    expect([...(await asDev.getAnchor(root()))]).toEqual([0n, 0n, 0n, 0n, ZeroAddress, ZeroHash]);
  });

  it('refuses an empty root and an empty batch', async () => {
    const { asDev } = await deploy();
    expect(await revertName(asDev.anchor(ZeroHash, ZeroHash, 0n, 1n, ZeroHash))).toBe('EmptyRoot');
    expect(await revertName(asDev.anchor(root(), ZeroHash, 0n, 0n, ZeroHash))).toBe('EmptyBatch');
  });

  it('needs the zero previousRoot for a member\'s first anchor', async () => {
    const { asDev } = await deploy();
    const claimed = root();
    expect(await revertOf(asDev.anchor(root(), claimed, 0n, 1n, ZeroHash))).toEqual({
      name: 'ChainBreak',
      args: [addressOf(dev), ZeroHash, claimed],
    });
    await mined(asDev.anchor(root(), ZeroHash, 0n, 1n, ZeroHash));
  });

  it('advances lastRootOf with each anchor and links every anchor to the one before', async () => {
    const { asDev } = await deploy();
    const roots = [root(), root(), root()];
    let previous = ZeroHash;
    for (const [i, r] of roots.entries()) {
      await mined(asDev.anchor(r, previous, BigInt(i), 1n, ZeroHash));
      expect(await asDev.lastRootOf(addressOf(dev))).toBe(r);
      expect((await asDev.getAnchor(r))[5]).toBe(previous);
      previous = r;
    }
    expect(await asDev.anchorCount()).toBe(3n);
  });

  it('refuses a break in the chain: a wrong previousRoot, or one that skips an anchor', async () => {
    const { asDev } = await deploy();
    const [first, second] = [root(), root()];
    await mined(asDev.anchor(first, ZeroHash, 0n, 1n, ZeroHash));
    await mined(asDev.anchor(second, first, 1n, 1n, ZeroHash));

    const wrong = root();
    expect(await revertOf(asDev.anchor(root(), wrong, 2n, 1n, ZeroHash))).toEqual({
      name: 'ChainBreak',
      args: [addressOf(dev), second, wrong],
    });
    // Skipping `second` would hide it from anyone walking the chain back from the newest root.
    expect(await revertOf(asDev.anchor(root(), first, 2n, 1n, ZeroHash))).toEqual({
      name: 'ChainBreak',
      args: [addressOf(dev), second, first],
    });
    expect(await revertOf(asDev.anchor(root(), ZeroHash, 2n, 1n, ZeroHash))).toEqual({
      name: 'ChainBreak',
      args: [addressOf(dev), second, ZeroHash],
    });
    expect(await asDev.lastRootOf(addressOf(dev))).toBe(second);
  });

  it('reports a resent root as RootAlreadyAnchored, not as a chain break, whoever resends it', async () => {
    const { asA, asB } = await deploy([a, b]);
    const r = root();
    await mined(asA.anchor(r, ZeroHash, 0n, 1n, ZeroHash));
    // The resend names the old previousRoot, which no longer is A's last root.
    expect(await revertOf(asA.anchor(r, ZeroHash, 0n, 1n, ZeroHash))).toEqual({ name: 'RootAlreadyAnchored', args: [r] });
    expect(await revertName(asA.anchor(r, r, 0n, 1n, ZeroHash))).toBe('RootAlreadyAnchored');
    expect(await revertName(asB.anchor(r, ZeroHash, 0n, 1n, ZeroHash))).toBe('RootAlreadyAnchored');
  });

  it('records the submitting member with each anchor, each member on its own chain', async () => {
    const { asA, asB } = await deploy([a, b]);
    const [a1, b1, a2] = [root(), root(), root()];
    await mined(asA.anchor(a1, ZeroHash, 0n, 1n, ZeroHash));
    // B's first anchor starts B's own chain, whatever A has anchored.
    expect(await revertName(asB.anchor(b1, a1, 1n, 1n, ZeroHash))).toBe('ChainBreak');
    await mined(asB.anchor(b1, ZeroHash, 1n, 1n, ZeroHash));
    await mined(asA.anchor(a2, a1, 2n, 1n, ZeroHash));

    expect((await asA.getAnchor(a1))[4]).toBe(addressOf(a));
    expect((await asA.getAnchor(b1))[4]).toBe(addressOf(b));
    expect([...(await asA.getAnchor(a2))].slice(4)).toEqual([addressOf(a), a1]);
    expect(await asA.lastRootOf(addressOf(a))).toBe(a2);
    expect(await asA.lastRootOf(addressOf(b))).toBe(b1);
  });
});

describe('EvidenceAnchor membership', () => {
  it('lets a non-member neither anchor, nor propose, nor approve', async () => {
    const { asA, asDev } = await deploy([a, b, c]);
    const receipt = await mined(asA.proposeMembership(addressOf(dev), true));
    const [{ args }] = eventsOf(receipt);
    const id = args.id as bigint;

    expect(await revertOf(asDev.anchor(root(), ZeroHash, 0n, 1n, ZeroHash))).toEqual({ name: 'NotMember', args: [addressOf(dev)] });
    expect(await revertOf(asDev.proposeMembership(addressOf(dev), true))).toEqual({ name: 'NotMember', args: [addressOf(dev)] });
    expect(await revertOf(asDev.approveMembership(id))).toEqual({ name: 'NotMember', args: [addressOf(dev)] });
  });

  it('adds a member once a strict majority approves: with 3 members one approval is not enough, the second executes', async () => {
    const { asA, asB, asC, asDev } = await deploy([a, b, c]);

    const proposed = await mined(asA.proposeMembership(addressOf(dev), true));
    expect(eventsOf(proposed)).toEqual([
      { name: 'MembershipProposed', args: { id: 1n, account: addressOf(dev), add: true, proposer: addressOf(a) } },
      { name: 'MembershipApproved', args: { id: 1n, approver: addressOf(a) } },
    ]);
    expect(await asA.isMember(addressOf(dev))).toBe(false);
    expect([...(await asA.getProposal(1n))]).toEqual([addressOf(dev), true, addressOf(a), 1n, false]);
    expect(await revertOf(asA.approveMembership(1n))).toEqual({ name: 'AlreadyApproved', args: [1n, addressOf(a)] });

    const approved = await mined(asB.approveMembership(1n));
    expect(eventsOf(approved)).toEqual([
      { name: 'MembershipApproved', args: { id: 1n, approver: addressOf(b) } },
      { name: 'MemberAdded', args: { account: addressOf(dev) } },
    ]);
    expect(await asA.isMember(addressOf(dev))).toBe(true);
    expect(await asA.memberCount()).toBe(4n);
    expect(await asA.threshold()).toBe(3n);
    expect((await asA.getProposal(1n))[4]).toBe(true);
    expect(await asA.hasApproved(1n, addressOf(b))).toBe(true);
    expect(await asA.hasApproved(1n, addressOf(c))).toBe(false);

    expect(await revertOf(asC.approveMembership(1n))).toEqual({ name: 'ProposalAlreadyExecuted', args: [1n] });
    expect(await revertOf(asC.approveMembership(2n))).toEqual({ name: 'ProposalNotFound', args: [2n] });
    expect(await revertOf(asC.approveMembership(0n))).toEqual({ name: 'ProposalNotFound', args: [0n] });
    await mined(asDev.anchor(root(), ZeroHash, 0n, 1n, ZeroHash));
  });

  it('removes a member once a strict majority approves, after which it can no longer anchor', async () => {
    const { asA, asB, asC } = await deploy([a, b, c]);
    const r = root();
    await mined(asC.anchor(r, ZeroHash, 0n, 1n, ZeroHash));

    await mined(asA.proposeMembership(addressOf(c), false));
    expect(await asA.isMember(addressOf(c))).toBe(true);
    const approved = await mined(asB.approveMembership(1n));
    expect(eventsOf(approved).at(-1)).toEqual({ name: 'MemberRemoved', args: { account: addressOf(c) } });
    expect(await asA.isMember(addressOf(c))).toBe(false);
    expect(await asA.memberCount()).toBe(2n);
    expect(await revertName(asC.anchor(root(), r, 1n, 1n, ZeroHash))).toBe('NotMember');
    // The removed member's history stays on chain.
    expect((await asA.getAnchor(r))[4]).toBe(addressOf(c));
    expect(await asA.lastRootOf(addressOf(c))).toBe(r);
  });

  it('executes at once when the only member proposes', async () => {
    const { asDev } = await deploy();
    const receipt = await mined(asDev.proposeMembership(addressOf(a), true));
    expect(eventsOf(receipt).map((event) => event.name)).toEqual(['MembershipProposed', 'MembershipApproved', 'MemberAdded']);
    expect(await asDev.isMember(addressOf(a))).toBe(true);
  });

  it('refuses to remove the last member', async () => {
    const { asDev } = await deploy();
    expect(await revertName(asDev.proposeMembership(addressOf(dev), false))).toBe('LastMember');

    const pair = await deploy([a, b]);
    await mined(pair.asA.proposeMembership(addressOf(b), false));
    await mined(pair.asB.approveMembership(1n));
    expect(await pair.asA.memberCount()).toBe(1n);
    expect(await revertName(pair.asA.proposeMembership(addressOf(a), false))).toBe('LastMember');
    expect(await pair.asA.isMember(addressOf(a))).toBe(true);
  });

  it('refuses a proposal that would change nothing', async () => {
    const { asA } = await deploy([a, b, c]);
    expect(await revertOf(asA.proposeMembership(addressOf(b), true))).toEqual({
      name: 'NothingToChange',
      args: [addressOf(b), true],
    });
    expect(await revertOf(asA.proposeMembership(addressOf(dev), false))).toEqual({
      name: 'NothingToChange',
      args: [addressOf(dev), false],
    });
    expect(await revertName(asA.proposeMembership(ZeroAddress, true))).toBe('ZeroAddress');
  });

  it('no longer counts the approval of a member removed since', async () => {
    const { asA, asB, asC } = await deploy([a, b, c]);
    await mined(asC.proposeMembership(addressOf(dev), true)); // proposal 1, approved by C
    await mined(asA.proposeMembership(addressOf(c), false)); // proposal 2
    await mined(asB.approveMembership(2n)); // C removed: 2 members, threshold 2
    expect((await asA.getProposal(1n))[3]).toBe(0n);

    await mined(asA.approveMembership(1n));
    expect(await asA.isMember(addressOf(dev))).toBe(false);
    await mined(asB.approveMembership(1n));
    expect(await asA.isMember(addressOf(dev))).toBe(true);
  });

  it('refuses to execute a proposal that another one has made moot', async () => {
    const { asA, asB, asC } = await deploy([a, b, c]);
    await mined(asA.proposeMembership(addressOf(dev), true)); // 1
    await mined(asB.proposeMembership(addressOf(dev), true)); // 2
    await mined(asC.approveMembership(1n)); // dev added: 4 members, threshold 3
    await mined(asC.approveMembership(2n)); // 2 of 3 approvals
    expect(await revertOf(asA.approveMembership(2n))).toEqual({ name: 'NothingToChange', args: [addressOf(dev), true] });
    expect((await asA.getProposal(2n))[4]).toBe(false);
  });
});
