// The production chains cannot run here, so the anchoring path is replayed against JSON-RPC answers
// shaped as FISCO BCOS 3.x (web3 RPC, v3.9+) and Hyperledger Besu (QBFT) give them: chain id, a zero
// gas price, legacy transactions, and FISCO's millisecond block timestamps before 3.12.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transaction, keccak256 } from 'ethers';
import { afterEach, describe, expect, it } from 'vitest';
import { interpretBlockTime } from '../proof/interpret-block-time';
import { EVIDENCE_ANCHOR_INTERFACE } from './anchor-abi';
import { broadcastRawTransaction } from './broadcast-raw-transaction';
import { closeChain, connectChain, type ChainConnection } from './connect-chain';
import { getTransactionOutcome } from './get-transaction-outcome';
import { signAnchorTransaction } from './sign-anchor-transaction';

const KEY = '0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const CONTRACT = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
const ROOT = new Uint8Array(32).fill(0xab);
const ZERO = new Uint8Array(32);

interface Node {
  url: string;
  sent: string[];
  close(): Promise<void>;
}

/** A JSON-RPC endpoint answering like the named chain; it records what was sent to it. */
async function startRecordedNode({ chainId, blockTime }: { chainId: number; blockTime: bigint }): Promise<Node> {
  const sent: string[] = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const call = JSON.parse(body) as { id: number; method: string; params: unknown[] };
    const answer = (result: unknown) => res.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, result }));
    switch (call.method) {
      case 'eth_chainId':
        return answer('0x' + chainId.toString(16));
      case 'eth_gasPrice':
        return answer('0x0');
      case 'eth_sendRawTransaction':
        sent.push(call.params[0] as string);
        return answer(keccak256(call.params[0] as string));
      case 'eth_getTransactionReceipt': {
        const raw = sent.find((r) => keccak256(r) === call.params[0]);
        if (!raw) return answer(null);
        const tx = Transaction.from(raw);
        const log = EVIDENCE_ANCHOR_INTERFACE.encodeEventLog('RootAnchored', [ROOT, tx.from, ZERO, 1n, 2n, blockTime, ZERO]);
        const common = { blockHash: '0x' + '11'.repeat(32), blockNumber: '0x2a', transactionHash: call.params[0], transactionIndex: '0x0' };
        return answer({
          ...common,
          from: tx.from!.toLowerCase(),
          to: CONTRACT,
          contractAddress: null,
          cumulativeGasUsed: '0x7a12',
          gasUsed: '0x7a12',
          effectiveGasPrice: '0x0',
          logsBloom: '0x' + '00'.repeat(256),
          status: '0x1',
          type: '0x0',
          logs: [{ ...common, address: CONTRACT, topics: log.topics, data: log.data, logIndex: '0x0', removed: false }],
        });
      }
      default:
        res.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, error: { code: -32601, message: `${call.method} not recorded` } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let node: Node | undefined;
let chain: ChainConnection | undefined;
afterEach(async () => {
  if (chain) closeChain(chain);
  await node?.close();
  node = undefined;
  chain = undefined;
});

async function anchorThrough(recorded: { chainId: number; blockTime: bigint }) {
  node = await startRecordedNode(recorded);
  chain = await connectChain({ rpcUrl: node.url, privateKey: KEY });
  const gasPrice = BigInt((await chain.provider.send('eth_gasPrice', [])) as string);
  const signed = await signAnchorTransaction(chain.signer!, {
    chainId: chain.chainId,
    contractAddress: CONTRACT,
    root: ROOT,
    previousRoot: ZERO,
    firstSequence: 1n,
    leafCount: 2,
    auditHead: ZERO,
    nonce: 0n,
    gasPrice,
    gasLimit: 300_000n,
  });
  expect(await broadcastRawTransaction(chain, signed.rawTx)).toBe('sent');
  const outcome = await getTransactionOutcome(chain, signed.txHash);
  return { chain, signed, outcome, tx: Transaction.from(node.sent[0]) };
}

describe('production chain settings', () => {
  it('FISCO BCOS 3.x web3 RPC: its chain id, gas price 0, a legacy transaction, and millisecond block time', async () => {
    const { chain, tx, outcome } = await anchorThrough({ chainId: 20200, blockTime: 1764057600123n });
    expect(chain.chainId).toBe(20200n);
    expect(tx.type).toBe(0);
    expect(tx.gasPrice).toBe(0n);
    expect(tx.chainId).toBe(20200n);
    expect(tx.to!.toLowerCase()).toBe(CONTRACT);
    expect(outcome).toMatchObject({ succeeded: true, blockNumber: 42n, blockTime: 1764057600123n });
    expect(interpretBlockTime(outcome!.blockTime!)).toMatchObject({ unit: 'milliseconds', iso: '2025-11-25T08:00:00.123Z' });
  });

  it('Hyperledger Besu QBFT: free gas, seconds, final at inclusion', async () => {
    const { tx, outcome } = await anchorThrough({ chainId: 1337, blockTime: 1764057600n });
    expect(tx.gasPrice).toBe(0n);
    expect(tx.chainId).toBe(1337n);
    expect(interpretBlockTime(outcome!.blockTime!)).toMatchObject({ unit: 'seconds', iso: '2025-11-25T08:00:00.000Z' });
  });
});
