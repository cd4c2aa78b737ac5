// The web server: Next.js behind a node:http server of ours, for two reasons. Every request gets the
// client address resolved from the socket (CLIENT_IP_HEADER; `next start` would pass on whatever
// X-Forwarded-For a client sends), and production can run several processes sharing the port
// (node:cluster, WEB_WORKERS): one Node process is one core, and the API's single-record ingest is
// bound by it.
import cluster from 'node:cluster';
import http from 'node:http';
import next from 'next';
import { CLIENT_IP_HEADER, resolveClientAddress } from '../http/resolve-client-address';
import { serveIngestRequest } from './serve-ingest-request';

/** A worker that dies this soon after it was started is failing to start, not crashing under load. */
const FAILED_START_MS = 15_000;

export async function serveWeb({
  dev,
  port,
  workers,
  trustedProxyHops,
  log,
}: {
  dev: boolean;
  port: number;
  workers: number;
  trustedProxyHops: number;
  log: (line: string) => void;
}): Promise<void> {
  if (!dev && workers > 1 && cluster.isPrimary) return superviseWorkers({ workers, log });

  const app = next({ dev, dir: process.cwd(), port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((request, response) => {
    const address = resolveClientAddress({
      socketAddress: request.socket.remoteAddress,
      forwardedFor: request.headers['x-forwarded-for'],
      trustedProxyHops,
    });
    if (address === null) delete request.headers[CLIENT_IP_HEADER];
    else request.headers[CLIENT_IP_HEADER] = address;
    // A path that is not percent-encoded UTF-8 (`/api/v1/evidence/%ED%A0%80`) cannot name anything;
    // Next.js's router answered it with a bare 500. It is a 400 here, for every route at once.
    if (!hasDecodablePath(request.url)) {
      response.writeHead(400, { 'content-type': 'application/problem+json' });
      response.end(JSON.stringify({ type: 'about:blank', title: 'Bad request', status: 400, code: 'invalid-request', detail: 'The request path is not valid percent-encoded UTF-8.' }));
      return;
    }
    // In development Next.js serves them too, so that edits to the ingest code reload.
    if (dev || !serveIngestRequest(request, response)) void handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  if (cluster.isPrimary) log(`web server listening on port ${port}${dev ? ' (development)' : ''}`);

  const stop = () => {
    server.close();
    server.closeIdleConnections();
    void app.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function superviseWorkers({ workers, log }: { workers: number; log: (line: string) => void }): void {
  let stopping = false;
  const startedAt = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };
  for (let i = 0; i < workers; i++) fork();
  log(`web server: ${workers} worker processes`);

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const age = Date.now() - (startedAt.get(worker.id) ?? 0);
    if (age < FAILED_START_MS) {
      log(`web worker ${worker.process.pid} failed to start (${signal ?? `exit ${code}`}); stopping`);
      process.exit(1);
    }
    log(`web worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another`);
    fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function hasDecodablePath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0]!;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
