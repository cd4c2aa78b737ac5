// The HTTP transport of every JSON-RPC request, bounded in time. ethers' Node transport leaves the
// socket open after a timeout (it only stops listening), so a hung node would pile up sockets; WHATWG
// fetch with an AbortController really cancels, and behaves the same in Node 20 and in browsers.
import { FetchRequest, makeError, type FetchGetUrlFunc } from 'ethers';

export function createFetchRequest(rpcUrl: string, timeoutMs: number): FetchRequest {
  let url: URL;
  try {
    url = new URL(rpcUrl);
  } catch {
    throw new TypeError('The chain RPC URL is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`The chain RPC URL must be http(s), not ${url.protocol}`);
  }
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  // fetch refuses URLs with userinfo; send it as a Basic Authorization header instead.
  url.username = '';
  url.password = '';
  const request = new FetchRequest(url.href);
  if (username || password) {
    request.allowInsecureAuthentication = url.protocol === 'http:';
    request.setCredentials(username, password);
  }
  request.timeout = timeoutMs;
  // HTTP 429 is retried with back-off; keep that short so a throttling node fails fast too.
  request.setThrottleParams({ maxAttempts: 3 });
  request.getUrlFunc = fetchGetUrl;
  return request;
}

const fetchGetUrl: FetchGetUrlFunc = async (req, signal) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.timeout);
  signal?.addListener(() => controller.abort());
  try {
    const response = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body ? new Uint8Array(req.body) : undefined,
      signal: controller.signal,
    });
    const body = new Uint8Array(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { statusCode: response.status, statusMessage: response.statusText, headers, body };
  } catch (error) {
    if (controller.signal.aborted) throw makeError('request timeout', 'TIMEOUT');
    throw makeError(describeFetchFailure(error), 'NETWORK_ERROR', { event: 'request' });
  } finally {
    clearTimeout(timer);
  }
};

// Node's fetch reports "fetch failed" and hides the useful part (ECONNREFUSED...) in `cause`.
function describeFetchFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
