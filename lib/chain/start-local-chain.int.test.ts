// The embedded chain keeps its state across restarts when given a state file: an anchor made
// before a restart is still found after it.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anchorRoot } from '../testing/anchor-root';
import { closeChain, connectChain } from './connect-chain';
import { deployAnchorContract } from './deploy-anchor-contract';
import { findAnchor } from '../proof/find-anchor';
import { LOCAL_CHAIN_DEV_PRIVATE_KEY, startLocalChain } from './start-local-chain';

const workDir = await mkdtemp(path.join(tmpdir(), 'evident-chain-'));

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('startLocalChain', () => {
  it('picks a free port when asked for port 0, and stops', async () => {
    const chain = await startLocalChain({ port: 0, chainId: 4242 });
    expect(chain.port).toBeGreaterThan(0);
    expect(chain.rpcUrl).toBe(`http://127.0.0.1:${chain.port}`);
    const conn = await connectChain({ rpcUrl: chain.rpcUrl });
    expect(conn.chainId).toBe(4242n);
    closeChain(conn);
    await chain.stop();
    expect(chain.process.exitCode !== null || chain.process.signalCode !== null).toBe(true);
    await chain.stop();
  });

  it('keeps anchors across a restart with a state file', async () => {
    const stateFile = path.join(workDir, 'nested', 'dir', 'anvil-state.json');
    const root = new Uint8Array(randomBytes(32));

    const first = await startLocalChain({ port: 0, stateFile });
    const conn = await connectChain({ rpcUrl: first.rpcUrl, privateKey: LOCAL_CHAIN_DEV_PRIVATE_KEY });
    const { address } = await deployAnchorContract(conn);
    const args = { contractAddress: address, root, previousRoot: new Uint8Array(32), firstSequence: 9n, leafCount: 4 };
    const record = await anchorRoot(conn, args);
    closeChain(conn);
    await first.stop();
    expect(existsSync(stateFile)).toBe(true);

    const second = await startLocalChain({ port: 0, stateFile });
    const again = await connectChain({ rpcUrl: second.rpcUrl, privateKey: LOCAL_CHAIN_DEV_PRIVATE_KEY });
    try {
      expect(await findAnchor(again, address, root)).toEqual({
        blockNumber: record.blockNumber,
        blockTime: record.blockTime,
        firstSequence: 9n,
        leafCount: 4n,
        submitter: record.submitter,
        previousRoot: record.previousRoot,
      });
      // Receipts and logs persist too, so the idempotent path still finds the original transaction.
      const replay = await anchorRoot(again, args);
      expect(replay).toEqual({ ...record, alreadyAnchored: true });
    } finally {
      closeChain(again);
      await second.stop();
    }
  });

  it('fails with a clear message when the port is taken', async () => {
    const holder = await startLocalChain({ port: 0 });
    try {
      await expect(startLocalChain({ port: holder.port })).rejects.toThrow(/did not start/);
    } finally {
      await holder.stop();
    }
  });
});
