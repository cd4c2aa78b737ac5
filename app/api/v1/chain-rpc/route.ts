import { ChainRelayUnavailableError, RELAY_MAX_BODY_BYTES, relayReadOnlyRpc } from '@/lib/chain/relay-read-only-rpc';
import { getChainRelayLimiter } from '@/lib/http/rate-limit';
import { readRequestBody } from '@/lib/http/read-request-body';
import { apiRoute } from '@/lib/http/api-route';
import { problem } from '@/lib/http/problem-response';

// Public: browsers verifying a certificate read the chain through it (read-only methods only).
export const POST = apiRoute({ auth: 'none' }, async ({ request, viewer, config: { chainRpcUrl } }) => {
  if (!chainRpcUrl) return problem(503, 'This server has no chain configured.');
  getChainRelayLimiter().take(`relay:${viewer.ipAddress ?? 'unknown'}`);
  // Read at most the relay's limit: a larger body is refused (413) without being read whole.
  const body = new TextDecoder().decode(await readRequestBody(request, RELAY_MAX_BODY_BYTES));
  try {
    const answer = await relayReadOnlyRpc({ rpcUrl: chainRpcUrl, body });
    return new Response(answer, { headers: { 'content-type': 'application/json' } });
  } catch (error) {
    if (error instanceof ChainRelayUnavailableError) return problem(error.status, error.message, { code: 'chain-unreachable' });
    throw error;
  }
});
