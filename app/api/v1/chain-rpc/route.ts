import { getConfig } from '@/lib/config';
import { ChainRelayUnavailableError, relayReadOnlyRpc } from '@/lib/chain/relay-read-only-rpc';
import { handleErrors, problem } from '@/lib/http/problem-response';

export const POST = handleErrors(async (request: Request) => {
  const { chainRpcUrl } = getConfig();
  if (!chainRpcUrl) return problem(503, 'This server has no chain configured.');
  try {
    const answer = await relayReadOnlyRpc({ rpcUrl: chainRpcUrl, body: await request.text() });
    return new Response(answer, { headers: { 'content-type': 'application/json' } });
  } catch (error) {
    if (error instanceof ChainRelayUnavailableError) return problem(502, error.message);
    throw error;
  }
});
