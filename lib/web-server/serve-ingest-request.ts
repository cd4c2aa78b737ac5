// Answers POST /api/v1/evidence/records and /hashes in the web server itself, with the handler the
// Next.js routes export (lib/http/handle-ingest-request.ts), instead of passing them to Next.js. A
// single-record request costs a few milliseconds of CPU, and Next.js's request pipeline (routing,
// its request and response wrappers) was most of it (bench/RESULTS.md). Every other request, and
// any other method on these paths, still goes to Next.js, as do these in development.
//
// The handler here is this process's own import of lib/, beside the copy Next.js bundles; what they
// must share is the process state (lib/process-state.ts: the Prisma client and its pg pool, the rate
// limiters, the group-commit queues), so both copies use one pool, one limit per key and one queue.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleIngestRequest } from '../http/handle-ingest-request';
import { RequestAbortedError } from '../errors';
import { problemResponse } from '../http/problem-response';

const HANDLERS = new Map<string, (request: Request) => Promise<Response>>([
  ['/api/v1/evidence/records', handleIngestRequest('record')],
  ['/api/v1/evidence/hashes', handleIngestRequest('hash')],
]);

/** True when it took the request (and will answer it); false to pass it on to Next.js. */
export function serveIngestRequest(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'POST' || request.url === undefined) return false;
  const query = request.url.indexOf('?');
  const handler = HANDLERS.get(query === -1 ? request.url : request.url.slice(0, query));
  if (!handler) return false;
  void answer(handler, request, response);
  return true;
}

async function answer(
  handler: (request: Request) => Promise<Response>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let reply: Response;
  try {
    reply = await handler(webRequestOf(request));
  } catch (error) {
    reply = problemResponse(error); // handler maps its own errors; this is for building the request
  }
  const body = Buffer.from(await reply.arrayBuffer());
  const headers: Record<string, string | number> = Object.fromEntries(reply.headers);
  headers['content-length'] = body.byteLength;
  response.writeHead(reply.status, headers);
  response.end(body);
  if (!request.complete) discardRest(request);
}

/** Most of an unread body (after a 401, 413 or 429) read and dropped before the connection is cut. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

// A reply sent before the body was read: the client is still sending it. Closing the socket now
// would make the client fail on its write (EPIPE) before it reads the reply, so the rest is read
// and dropped, and the connection carries on; a client that sends far more is cut off.
function discardRest(request: IncomingMessage): void {
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.byteLength;
    if (discarded > MAX_DISCARDED_BYTES) request.socket.destroy();
  });
  request.resume();
}

function webRequestOf(request: IncomingMessage): Request {
  // request.headers, not rawHeaders: serve-web.ts has replaced the client-address header there.
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (value) for (const item of value) headers.append(name, item);
  }
  // The handler never reads the URL's host, and a client's Host header may not parse as one.
  return new Request(`http://localhost${request.url}`, {
    method: 'POST',
    headers,
    body: bodyOf(request),
    duplex: 'half',
  } as RequestInit);
}

/** The request body as a web stream that reads only when pulled, and on cancel stops reading
 * without destroying the socket (Readable.toWeb would destroy it, and the reply with it). */
function bodyOf(request: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = request.iterator({ destroyOnReturn: false }) as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch {
          // The client reset the connection mid-body: a quiet 400, not an unexpected error.
          controller.error(new RequestAbortedError());
          return;
        }
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
