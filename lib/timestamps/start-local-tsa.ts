// The embedded timestamping authority for local runs (no TSA_URL): RFC 3161 over HTTP on a free
// loopback port, application/timestamp-query in, application/timestamp-reply out. Its credentials
// are generated once into <dataDir>/tsa and reused, so tokens stay verifiable across restarts.
// An operator-run TSA adds no independent trust (the operator controls its clock and key); it
// exercises the same path an accredited TSA does in production.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { issueTimestampResponse, refuseTimestampRequest, TIMESTAMP_STATUS, type TimestampSigner } from './issue-timestamp-response';
import { fromPem, toPem } from '../proof/pem';
import { MalformedTimestampError, parseTimestampRequest, SHA256_OID } from '../proof/timestamp-protocol';
import { createTsaCredentials, importTsaPrivateKey } from './tsa-credentials';

/** A policy OID of our own, under the UUID arc 2.25 (ITU-T X.667): no registry needed. */
export const LOCAL_TSA_POLICY_OID = '2.25.261214032101733631358223035791668080171';

const MAX_REQUEST_BYTES = 16 * 1024;

export interface LocalTsa {
  url: string;
  rootCertificate: Uint8Array;
  stop(): Promise<void>;
}

export async function startLocalTsa({
  dir,
  name = 'Evident Local',
  port = 0,
  policyOid = LOCAL_TSA_POLICY_OID,
}: {
  dir: string;
  name?: string;
  port?: number;
  /** The policy its tokens are issued under (TSA_POLICY_OID when set). */
  policyOid?: string;
}): Promise<LocalTsa> {
  const { rootCertificate, signer } = await loadOrCreateCredentials(dir, name);
  const server = http.createServer((request, response) => {
    void answerTimestampRequest(request, response, (query) => respondToQuery(query, signer, policyOid));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    rootCertificate,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The HTTP transport of RFC 3161 §3.4, shared with the test TSA. */
export async function answerTimestampRequest(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  respond: (query: Uint8Array) => Promise<Uint8Array>,
): Promise<void> {
  if (request.method !== 'POST' || request.headers['content-type'] !== 'application/timestamp-query') {
    response.writeHead(415, { 'content-type': 'text/plain' }).end('POST an application/timestamp-query\n');
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) {
      response.writeHead(413).end();
      return;
    }
    chunks.push(chunk);
  }
  try {
    const reply = await respond(new Uint8Array(Buffer.concat(chunks)));
    response.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': reply.length }).end(reply);
  } catch {
    response.writeHead(500).end();
  }
}

async function respondToQuery(query: Uint8Array, signer: TimestampSigner, policyOid: string): Promise<Uint8Array> {
  let parsed: ReturnType<typeof parseTimestampRequest>;
  try {
    parsed = parseTimestampRequest(query);
  } catch (error) {
    if (error instanceof MalformedTimestampError) return refuseTimestampRequest({ status: TIMESTAMP_STATUS.rejection, reason: 'badDataFormat' });
    throw error;
  }
  if (parsed.hashAlgorithm !== SHA256_OID || parsed.hashedMessage.length !== 32) {
    return refuseTimestampRequest({ status: TIMESTAMP_STATUS.rejection, reason: 'badAlg: only SHA-256 imprints' });
  }
  if (parsed.policy && parsed.policy !== policyOid) {
    return refuseTimestampRequest({ status: TIMESTAMP_STATUS.rejection, reason: 'unacceptedPolicy' });
  }
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0] = (serial[0] & 0x7f) | 0x01;
  return issueTimestampResponse({
    imprint: parsed,
    nonce: parsed.nonce,
    certReq: parsed.certReq,
    signer,
    policyOid,
    serial,
  });
}

async function loadOrCreateCredentials(dir: string, name: string): Promise<{ rootCertificate: Uint8Array; signer: TimestampSigner }> {
  const file = (base: string, which: string) => path.join(base, which);
  if (!existsSync(file(dir, 'tsa-key.pem'))) {
    // Made in a directory of its own and renamed into place, so two processes starting at once (the
    // web server and a worker) never mix one's root with the other's key: the first rename wins.
    await mkdir(path.dirname(dir), { recursive: true });
    const staging = await mkdtemp(`${dir}.staging-`);
    const created = await createTsaCredentials({ name });
    await writeFile(file(staging, 'root.pem'), toPem('CERTIFICATE', created.rootCertificate));
    await writeFile(file(staging, 'tsa.pem'), toPem('CERTIFICATE', created.tsaCertificate));
    await writeFile(file(staging, 'tsa-key.pem'), toPem('PRIVATE KEY', created.tsaPrivateKey), { mode: 0o600 });
    await rename(staging, dir).catch(() => rm(staging, { recursive: true, force: true }));
  }
  const read = async (which: string) => fromPem(await readFile(file(dir, which), 'utf8'))[0].der;
  const [rootCertificate, certificate, key] = await Promise.all([read('root.pem'), read('tsa.pem'), read('tsa-key.pem')]);
  return { rootCertificate, signer: { certificate, privateKey: await importTsaPrivateKey(key) } };
}
