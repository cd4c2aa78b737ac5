// A read-only JSON-RPC relay to the platform's chain node, for browsers that cannot reach the node
// directly. It forwards only methods that read state, so it can never be used to send
// transactions. A verifier who trusts neither Evident nor its relay points /verify at its own node.
import { InvalidRequestError } from '../errors';
import { PAGE_CHAIN_TIMEOUT_MS } from './page-chain-timeout';

const READ_METHODS = new Set([
  'eth_chainId',
  'net_version',
  'eth_blockNumber',
  'eth_call',
  'eth_getCode',
  'eth_getLogs',
  'eth_getBlockByNumber',
  'eth_getBlockByHash',
  'eth_getTransactionByHash',
  'eth_getTransactionReceipt',
]);

export const RELAY_MAX_BODY_BYTES = 64 * 1024;
/** Gas an eth_call may burn through the relay: ample for getAnchor and isMember, not for a 30M loop. */
export const RELAY_MAX_CALL_GAS = 5_000_000n;
/** Blocks one eth_getLogs may span through the relay. */
export const RELAY_MAX_LOG_BLOCKS = 10_000n;

/** The node did not answer in time (504) or refused or failed (502). */
export class ChainRelayUnavailableError extends Error {
  constructor(
    message: string,
    readonly status: 502 | 504,
  ) {
    super(message);
  }
}

/** Caps what one call may cost the node: eth_call's gas, eth_getLogs' block range. */
function bound(call: { method: string; params?: unknown }): void {
  const params = Array.isArray(call.params) ? call.params : [];
  if (call.method === 'eth_call') {
    const transaction = params[0];
    if (typeof transaction !== 'object' || transaction === null) throw new InvalidRequestError('eth_call needs a call object.');
    const gas = (transaction as { gas?: unknown }).gas;
    const asked = typeof gas === 'string' && /^0x[0-9a-fA-F]{1,16}$/.test(gas) ? BigInt(gas) : undefined;
    (transaction as { gas?: string }).gas = `0x${(asked === undefined || asked > RELAY_MAX_CALL_GAS ? RELAY_MAX_CALL_GAS : asked).toString(16)}`;
  }
  if (call.method === 'eth_getLogs') {
    const filter = params[0] as { fromBlock?: unknown; toBlock?: unknown; blockHash?: unknown } | undefined;
    if (typeof filter !== 'object' || filter === null) throw new InvalidRequestError('eth_getLogs needs a filter object.');
    if (typeof filter.blockHash === 'string') return;
    const quantity = (value: unknown) => (typeof value === 'string' && /^0x[0-9a-fA-F]{1,16}$/.test(value) ? BigInt(value) : undefined);
    const from = quantity(filter.fromBlock);
    const to = quantity(filter.toBlock);
    if (from === undefined || to === undefined || to < from || to - from >= RELAY_MAX_LOG_BLOCKS) {
      throw new InvalidRequestError(
        `eth_getLogs through the relay needs a blockHash, or numeric fromBlock and toBlock spanning at most ${RELAY_MAX_LOG_BLOCKS} blocks.`,
      );
    }
  }
}

export async function relayReadOnlyRpc({
  rpcUrl,
  body,
  timeoutMs = PAGE_CHAIN_TIMEOUT_MS,
}: {
  rpcUrl: string;
  body: string;
  timeoutMs?: number;
}): Promise<string> {
  if (body.length > RELAY_MAX_BODY_BYTES) throw new InvalidRequestError('The JSON-RPC request is too large.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new InvalidRequestError('The body is not JSON.');
  }
  const calls = Array.isArray(parsed) ? parsed : [parsed];
  if (calls.length === 0 || calls.length > 20) throw new InvalidRequestError('Send between 1 and 20 JSON-RPC calls.');
  for (const call of calls) {
    const method = (call as { method?: unknown } | null)?.method;
    if (typeof method !== 'string' || !READ_METHODS.has(method)) {
      throw new InvalidRequestError(`JSON-RPC method ${String(method)} is not relayed; only read methods are.`);
    }
    bound(call as { method: string; params?: unknown });
  }
  const forwarded = JSON.stringify(Array.isArray(parsed) ? calls : calls[0]);
  let response: Response;
  try {
    response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: forwarded,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw new ChainRelayUnavailableError(`The chain node did not answer within ${timeoutMs / 1000} s.`, 504);
    }
    throw new ChainRelayUnavailableError('The chain node is not reachable.', 502);
  }
  if (!response.ok) throw new ChainRelayUnavailableError(`The chain node answered HTTP ${response.status}.`, 502);
  return response.text();
}
