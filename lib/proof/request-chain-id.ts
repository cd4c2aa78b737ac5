// One eth_chainId request, attempted once. It is the connectivity probe: ethers' own network
// detection retries every second forever when nothing listens, which would hang start-up.
import { ChainUnavailableError } from './chain-errors';
import { createFetchRequest } from './create-fetch-request';
import { toChainError } from './to-chain-error';

export async function requestChainId({ rpcUrl, timeoutMs }: { rpcUrl: string; timeoutMs: number }): Promise<bigint> {
  const request = createFetchRequest(rpcUrl, timeoutMs);
  request.setHeader('content-type', 'application/json');
  request.body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] });
  let result: unknown;
  try {
    const response = await request.send();
    response.assertOk();
    result = (response.bodyJson as { result?: unknown } | null)?.result;
  } catch (error) {
    const chainError = toChainError(error, rpcUrl);
    if (chainError instanceof ChainUnavailableError) throw chainError;
    throw new ChainUnavailableError(rpcUrl, 'it does not answer like an Ethereum JSON-RPC node', { cause: error });
  }
  if (typeof result !== 'string' || !/^0x[0-9a-f]+$/i.test(result)) {
    throw new ChainUnavailableError(rpcUrl, `its eth_chainId answer is not a chain id (${JSON.stringify(result)})`);
  }
  return BigInt(result);
}
