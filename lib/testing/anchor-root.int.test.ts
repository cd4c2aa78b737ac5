// Against a real anvil node: deployment, idempotent chained anchoring, the lookup verification uses,
// and the typed errors for a refused submitter, a broken chain and an unreachable node.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Contract, hexlify, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_ANCHOR_ABI } from '../chain/anchor-abi';
import { anchorRoot } from './anchor-root';
import { closeChain, connectChain, type ChainConnection } from '../chain/connect-chain';
import { createAnchorLookup } from '../proof/create-anchor-lookup';
import { deployAnchorContract } from '../chain/deploy-anchor-contract';
import { AnchorTransactionFailedError, ChainUnavailableError, ContractNotDeployedError } from '../proof/chain-errors';
import { findAnchor } from '../proof/find-anchor';
import { hasContractCode } from '../chain/has-contract-code';
import { readLastRoot } from '../chain/read-last-root';
import { LOCAL_CHAIN_DEV_PRIVATE_KEY, startLocalChain, type LocalChain } from '../chain/start-local-chain';
import { waitForReceipt } from '../chain/wait-for-receipt';

// anvil's default account #1: funded, but not a member of the contract.
const NON_MEMBER_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
// anvil's default account #2, made a member for the race test.
const SECOND_MEMBER_KEY = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';
const DEV_ADDRESS = new Wallet(LOCAL_CHAIN_DEV_PRIVATE_KEY).address.toLowerCase();

const randomRoot = () => new Uint8Array(randomBytes(32));
const NO_PREVIOUS_ROOT = new Uint8Array(32);

let chain: LocalChain;
let conn: ChainConnection;
let contractAddress: string;

beforeAll(async () => {
  chain = await startLocalChain({ port: 0 });
  conn = await connectChain({ rpcUrl: chain.rpcUrl, privateKey: LOCAL_CHAIN_DEV_PRIVATE_KEY });
  contractAddress = (await deployAnchorContract(conn)).address;
});

afterAll(async () => {
  if (conn) closeChain(conn);
  await chain?.stop();
});

/** The signer's next link: the arguments anchorRoot needs, previousRoot read from the contract. */
async function nextAnchor(
  connection: ChainConnection,
  args: { root: Uint8Array; firstSequence: bigint; leafCount: number; contractAddress?: string },
) {
  const address = args.contractAddress ?? contractAddress;
  const previousRoot = await readLastRoot(connection, address, connection.signer!.address);
  return { ...args, contractAddress: address, previousRoot };
}

describe('deployAnchorContract', () => {
  it('deploys code at a lowercase address', async () => {
    expect(contractAddress).toMatch(/^0x[0-9a-f]{40}$/);
    expect(await hasContractCode(conn, contractAddress)).toBe(true);
    expect(await hasContractCode(conn, hexlify(randomBytes(20)))).toBe(false);
  });

  it('makes the deployer the only member by default, or the founding members given', async () => {
    const asDeployer = new Contract(contractAddress, EVIDENCE_ANCHOR_ABI, conn.provider);
    expect(await asDeployer.memberCount()).toBe(1n);
    expect(await asDeployer.isMember(DEV_ADDRESS)).toBe(true);

    const founders = [NON_MEMBER_KEY, SECOND_MEMBER_KEY].map((key) => new Wallet(key).address.toLowerCase());
    const { address } = await deployAnchorContract(conn, { initialMembers: founders });
    const consortium = new Contract(address, EVIDENCE_ANCHOR_ABI, conn.provider);
    expect(await consortium.memberCount()).toBe(2n);
    expect(await consortium.threshold()).toBe(2n);
    for (const founder of founders) expect(await consortium.isMember(founder)).toBe(true);
    expect(await consortium.isMember(DEV_ADDRESS)).toBe(false);
  });

  it('refuses malformed or repeated founding members before sending anything', async () => {
    await expect(deployAnchorContract(conn, { initialMembers: ['0x1234'] })).rejects.toThrow(/initialMembers\[0\]/);
    await expect(deployAnchorContract(conn, { initialMembers: [DEV_ADDRESS, DEV_ADDRESS.toUpperCase().replace('0X', '0x')] })).rejects.toThrow(
      /lists .* twice/,
    );
    await expect(deployAnchorContract(conn, { initialMembers: [`0x${'00'.repeat(20)}`] })).rejects.toThrow(/zero address/);
  });
});

describe('readLastRoot', () => {
  it('gives 32 zero bytes before a member anchors, then the root it anchored last', async () => {
    const { address } = await deployAnchorContract(conn);
    expect(await readLastRoot(conn, address, DEV_ADDRESS)).toEqual(NO_PREVIOUS_ROOT);
    const first = randomRoot();
    const second = randomRoot();
    await anchorRoot(conn, { contractAddress: address, root: first, previousRoot: NO_PREVIOUS_ROOT, firstSequence: 0n, leafCount: 1 });
    expect(await readLastRoot(conn, address, DEV_ADDRESS)).toEqual(first);
    const record = await anchorRoot(conn, { contractAddress: address, root: second, previousRoot: first, firstSequence: 1n, leafCount: 1 });
    expect(record.previousRoot).toBe(hexlify(first));
    expect(await readLastRoot(conn, address, DEV_ADDRESS)).toEqual(second);
    expect(await readLastRoot(conn, address, hexlify(randomBytes(20)))).toEqual(NO_PREVIOUS_ROOT);
  });

  it('reports an address without the contract as ContractNotDeployedError, and a malformed member as RangeError', async () => {
    await expect(readLastRoot(conn, hexlify(randomBytes(20)), DEV_ADDRESS)).rejects.toBeInstanceOf(ContractNotDeployedError);
    await expect(readLastRoot(conn, contractAddress, '0x1234')).rejects.toThrow(RangeError);
  });
});

describe('anchorRoot', () => {
  it('anchors a root that findAnchor then reports with its block and time', async () => {
    const root = randomRoot();
    const args = await nextAnchor(conn, { root, firstSequence: 41n, leafCount: 7 });
    const record = await anchorRoot(conn, args);

    expect(record.alreadyAnchored).toBe(false);
    expect(record.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(record.chainId).toBe(31337n);
    expect(record.contractAddress).toBe(contractAddress);
    expect(record.submitter).toBe(DEV_ADDRESS);
    expect(record.previousRoot).toBe(hexlify(args.previousRoot));
    const block = await conn.provider.getBlock(record.blockNumber);
    expect(record.blockTime).toBe(BigInt(block!.timestamp));

    expect(await findAnchor(conn, contractAddress, root)).toEqual({
      blockNumber: record.blockNumber,
      blockTime: record.blockTime,
      firstSequence: 41n,
      leafCount: 7n,
      submitter: DEV_ADDRESS,
      previousRoot: hexlify(args.previousRoot),
    });
    expect(await readLastRoot(conn, contractAddress, DEV_ADDRESS)).toEqual(root);
  });

  it('returns the existing anchor without sending when the root is already anchored', async () => {
    const root = randomRoot();
    const args = await nextAnchor(conn, { root, firstSequence: 1n, leafCount: 3 });
    const first = await anchorRoot(conn, args);
    const nonceBefore = await conn.provider.getTransactionCount(DEV_ADDRESS, 'pending');
    const blockBefore = await conn.provider.getBlockNumber();

    // The same arguments again, although the chain has moved on: the existing anchor is reported.
    const again = await anchorRoot(conn, args);

    expect(again).toEqual({ ...first, alreadyAnchored: true });
    expect(await conn.provider.getTransactionCount(DEV_ADDRESS, 'pending')).toBe(nonceBefore);
    expect(await conn.provider.getBlockNumber()).toBe(blockBefore);
  });

  it('rejects a submitter that is not a member with a typed error naming NotMember', async () => {
    const outsider = await connectChain({ rpcUrl: chain.rpcUrl, privateKey: NON_MEMBER_KEY });
    try {
      const failure = await anchorRoot(outsider, {
        contractAddress,
        root: randomRoot(),
        previousRoot: NO_PREVIOUS_ROOT,
        firstSequence: 0n,
        leafCount: 1,
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AnchorTransactionFailedError);
      expect(failure).toMatchObject({ reason: 'contract-revert', revertError: 'NotMember' });
      expect(await conn.provider.getTransactionCount(outsider.signer!.address)).toBe(0);
    } finally {
      closeChain(outsider);
    }
  });

  it('rejects a previousRoot that is not the member\'s last root with a typed error naming ChainBreak', async () => {
    const { previousRoot } = await nextAnchor(conn, { root: randomRoot(), firstSequence: 0n, leafCount: 1 });
    const wrong = randomRoot();
    const nonceBefore = await conn.provider.getTransactionCount(DEV_ADDRESS, 'pending');
    const failure = await anchorRoot(conn, {
      contractAddress,
      root: randomRoot(),
      previousRoot: wrong,
      firstSequence: 0n,
      leafCount: 1,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AnchorTransactionFailedError);
    expect(failure).toMatchObject({ reason: 'contract-revert', revertError: 'ChainBreak' });
    expect((failure as Error).message).toContain(`previousRoot ${hexlify(wrong)} is not the last root ${DEV_ADDRESS} anchored, ${hexlify(previousRoot)}`);
    expect(await conn.provider.getTransactionCount(DEV_ADDRESS, 'pending')).toBe(nonceBefore);
  });

  it('settles two members racing to anchor the same root: one anchors, the other reports it', async () => {
    const member = await connectChain({ rpcUrl: chain.rpcUrl, privateKey: SECOND_MEMBER_KEY });
    try {
      // The deployer is the only member, so its proposal is a majority and executes at once.
      const asDeployer = new Contract(contractAddress, EVIDENCE_ANCHOR_ABI, conn.signer);
      const added = await asDeployer.proposeMembership(member.signer!.address, true);
      await waitForReceipt(conn, added.hash, { timeoutMs: 10_000 });

      const root = randomRoot();
      const argsOf = await Promise.all([conn, member].map((c) => nextAnchor(c, { root, firstSequence: 7n, leafCount: 1 })));
      const results = await Promise.all([conn, member].map((c, i) => anchorRoot(c, argsOf[i]!)));
      expect(results.map((r) => r.alreadyAnchored).sort()).toEqual([false, true]);
      expect(results[0]).toEqual({ ...results[1], alreadyAnchored: results[0]!.alreadyAnchored });
    } finally {
      closeChain(member);
    }
  });

  it('refuses malformed arguments before touching the chain', async () => {
    const args = { contractAddress, root: randomRoot(), previousRoot: NO_PREVIOUS_ROOT, firstSequence: 0n, leafCount: 1 };
    await expect(anchorRoot(conn, { ...args, root: new Uint8Array(31) })).rejects.toThrow(RangeError);
    await expect(anchorRoot(conn, { ...args, root: new Uint8Array(32) })).rejects.toThrow(/all zeros/);
    await expect(anchorRoot(conn, { ...args, previousRoot: new Uint8Array(20) })).rejects.toThrow(/previousRoot must be a 32-byte/);
    await expect(anchorRoot(conn, { ...args, leafCount: 0 })).rejects.toThrow(/leafCount/);
    await expect(anchorRoot(conn, { ...args, firstSequence: 1n << 64n })).rejects.toThrow(/firstSequence/);
  });

  it('reports a contract address without code as ContractNotDeployedError', async () => {
    const nowhere = hexlify(randomBytes(20));
    await expect(
      anchorRoot(conn, { contractAddress: nowhere, root: randomRoot(), previousRoot: NO_PREVIOUS_ROOT, firstSequence: 0n, leafCount: 1 }),
    ).rejects.toBeInstanceOf(ContractNotDeployedError);
  });
});

describe('createAnchorLookup', () => {
  it('finds the anchoring transaction, its roots, the anchor and the block time', async () => {
    const root = randomRoot();
    const args = await nextAnchor(conn, { root, firstSequence: 100n, leafCount: 2 });
    const record = await anchorRoot(conn, args);
    const lookup = createAnchorLookup({ rpcUrl: chain.rpcUrl });
    try {
      expect(await lookup.chainId()).toBe(31337n);
      expect(await lookup.findAnchorTransaction(record.txHash.toUpperCase().replace('0X', '0x'))).toEqual({
        txHash: record.txHash,
        blockNumber: record.blockNumber,
        succeeded: true,
        to: contractAddress,
        anchoredRoots: [expect.objectContaining({ contract: contractAddress, root: hexlify(root) })],
      });
      expect(await lookup.findAnchor(contractAddress, hexlify(root).toUpperCase().replace('0X', '0x'))).toEqual({
        blockNumber: record.blockNumber,
        blockTime: record.blockTime,
        firstSequence: 100n,
        leafCount: 2n,
        submitter: DEV_ADDRESS,
        previousRoot: hexlify(args.previousRoot),
      });
      expect(await lookup.findAnchor(contractAddress, hexlify(randomRoot()))).toBeNull();
      expect(await lookup.blockTime(record.blockNumber)).toBe(record.blockTime);
      expect(await lookup.blockTime(1_000_000_000n)).toBeNull();
      expect(await lookup.findAnchorTransaction(hexlify(randomBytes(32)))).toBeNull();
    } finally {
      lookup.close();
    }
  });

  it('throws ContractNotDeployedError for an address without the contract', async () => {
    const lookup = createAnchorLookup({ rpcUrl: chain.rpcUrl });
    try {
      await expect(lookup.findAnchor(hexlify(randomBytes(20)), hexlify(randomRoot()))).rejects.toBeInstanceOf(
        ContractNotDeployedError,
      );
    } finally {
      lookup.close();
    }
  });
});

describe('an unreachable chain', () => {
  it('fails connectChain fast when nothing listens on the port', async () => {
    const started = Date.now();
    const failure = await connectChain({ rpcUrl: `http://127.0.0.1:${await unusedPort()}` }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ChainUnavailableError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('fails anchorRoot fast once the node has stopped', async () => {
    const doomed = await startLocalChain({ port: 0 });
    const doomedConn = await connectChain({ rpcUrl: doomed.rpcUrl, privateKey: LOCAL_CHAIN_DEV_PRIVATE_KEY });
    try {
      const { address } = await deployAnchorContract(doomedConn);
      await doomed.stop();
      const started = Date.now();
      const failure = await anchorRoot(doomedConn, {
        contractAddress: address,
        root: randomRoot(),
        previousRoot: NO_PREVIOUS_ROOT,
        firstSequence: 0n,
        leafCount: 1,
      }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ChainUnavailableError);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      closeChain(doomedConn);
      await doomed.stop();
    }
  });

  it('gives ChainUnavailableError when the receipt is late, and a retry waits for the pending anchor instead of sending again', async () => {
    const slow = await startLocalChain({ port: 0 });
    const slowConn = await connectChain({ rpcUrl: slow.rpcUrl, privateKey: LOCAL_CHAIN_DEV_PRIVATE_KEY });
    try {
      const { address } = await deployAnchorContract(slowConn);
      const args = { contractAddress: address, root: randomRoot(), previousRoot: NO_PREVIOUS_ROOT, firstSequence: 0n, leafCount: 1 };
      // The node mines nothing while the first attempt waits, so its receipt is late however long this
      // machine takes between sending and polling (with a 1 s block time, a block mined within the first
      // poll interval gave a receipt in time, and the attempt did not fail). Then a block every second:
      // the retry finds the anchor pending (or, on a slow machine, already mined).
      await slowConn.provider.send('evm_setAutomine', [false]);
      await expect(anchorRoot(slowConn, { ...args, receiptTimeoutMs: 100 })).rejects.toBeInstanceOf(
        ChainUnavailableError,
      );
      expect(await slowConn.provider.getTransactionCount(DEV_ADDRESS, 'latest')).toBe(1);
      await slowConn.provider.send('evm_setIntervalMining', [1]);
      const retried = await anchorRoot(slowConn, args);
      expect(retried.alreadyAnchored).toBe(true);
      // Deployment plus one anchoring transaction: the retry waited for the pending one, sent nothing.
      expect(await slowConn.provider.getTransactionCount(DEV_ADDRESS, 'pending')).toBe(2);
      expect(await findAnchor(slowConn, address, args.root)).toMatchObject({ blockNumber: retried.blockNumber });
    } finally {
      closeChain(slowConn);
      await slow.stop();
    }
  });

  it('times out against a node that accepts connections but never answers', async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const lookup = createAnchorLookup({ rpcUrl: `http://127.0.0.1:${port}`, timeoutMs: 500 });
    try {
      const started = Date.now();
      await expect(lookup.chainId()).rejects.toBeInstanceOf(ChainUnavailableError);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      lookup.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('names the endpoint without its credentials', async () => {
    const port = await unusedPort();
    const failure = await connectChain({ rpcUrl: `http://alice:s3cret@127.0.0.1:${port}/v3/apikey123` }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ChainUnavailableError);
    const message = (failure as Error).message;
    expect(message).toContain(`127.0.0.1:${port}`);
    expect(message).not.toMatch(/alice|s3cret|apikey123/);
  });
});

async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
