// A read-only JSON-RPC relay to the platform's chain node, for browsers that cannot reach the node
// directly. It forwards only methods that read state, so it can never be used to send
// transactions. A verifier who trusts neither Evident nor its relay points /verify at its own node.
import { InvalidRequestError } from '../errors';

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

const MAX_BODY_BYTES = 64 * 1024;

export class ChainRelayUnavailableError extends Error {}

export async function relayReadOnlyRpc({
  rpcUrl,
  body,
  timeoutMs = 10_000,
}: {
  rpcUrl: string;
  body: string;
  timeoutMs?: number;
}): Promise<string> {
  if (body.length > MAX_BODY_BYTES) throw new InvalidRequestError('The JSON-RPC request is too large.');
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
  }
  let response: Response;
  try {
    response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new ChainRelayUnavailableError('The chain node did not answer.');
  }
  if (!response.ok) throw new ChainRelayUnavailableError(`The chain node answered HTTP ${response.status}.`);
  return response.text();
}
