// Every certificate vector of docs/vectors/ through the real CLI, as an arbitrator would run it: a
// child process, the issuer pinned with --issuer, the TSA root with --tsa-root, revocation asked of
// an issuer status endpoint that answers the manifest's revocations, and a real anvil node as --rpc.
// The vectors' anchor is the manifest's fake chain (a made-up transaction hash and block), which no
// real node holds: against anvil the chain-anchor check fails for every well-formed vector, so that
// one check is expected to fail everywhere and every other check must come out as the manifest says.
// The anchor outcomes themselves are covered by lib/proof/certificate-vectors.test.ts.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import manifest from '../docs/vectors/certificate-vectors.json';
import { startLocalChain, type LocalChain } from '../lib/chain/start-local-chain';
import { toPem } from '../lib/proof/pem';
import type { VerificationReport } from '../lib/proof/verification-report';
import { CHECK_IDS } from '../lib/proof/verification-report';

const vectorsDir = path.resolve(import.meta.dirname, '../docs/vectors');
let chain: LocalChain;
let statusServer: Server;
let statusUrl: string;
let dir: string;
let tsaRootPath: string;

/** Runs the CLI once for several certificates of one file; resolves with its exit code and reports. */
function verifyWithCli(certificates: string[], fileContentAscii: string): Promise<{ code: number | null; reports: VerificationReport[]; stderr: string }> {
  return (async () => {
    const filePath = path.join(dir, `${fileContentAscii}.txt`);
    await writeFile(filePath, fileContentAscii);
    const args = [
      path.resolve('scripts/evident-verify.mjs'),
      '--file',
      filePath,
      ...certificates.map((file) => path.join(vectorsDir, file)),
      '--rpc',
      chain.rpcUrl,
      '--issuer',
      manifest.trustedIssuers[0],
      '--status-url',
      statusUrl,
      '--tsa-root',
      tsaRootPath,
      '--json',
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, reports: stdout ? (JSON.parse(stdout) as VerificationReport[]) : [], stderr };
  })();
}

/** What the CLI must report against a real node: the manifest's failures, plus chain-anchor for every certificate that parses. */
function expectedFailures(c: (typeof manifest.cases)[number]): string[] {
  if (c.expectedFailures.includes('certificate-format')) return c.expectedFailures;
  return CHECK_IDS.filter((id) => c.expectedFailures.includes(id) || id === 'chain-anchor');
}

beforeAll(async () => {
  chain = await startLocalChain({ chainId: Number(manifest.chain.chainId) });
  // The issuer's revocation endpoint (GET /api/v1/certificates/{serial}/status) as the manifest describes it.
  statusServer = createServer((request, response) => {
    const serial = decodeURIComponent(/^\/api\/v1\/certificates\/([^/]+)\/status$/.exec(request.url ?? '')?.[1] ?? '');
    const listed = manifest.revocations.find((r) => r.serial === serial);
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(listed ?? { serial, revoked: false }));
  });
  await new Promise<void>((resolve) => statusServer.listen(0, '127.0.0.1', resolve));
  statusUrl = `http://127.0.0.1:${(statusServer.address() as AddressInfo).port}`;
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-cli-vectors-'));
  tsaRootPath = path.join(dir, 'tsa-root.pem');
  await writeFile(tsaRootPath, manifest.trustedTsaRoots.map((root) => toPem('CERTIFICATE', Uint8Array.from(Buffer.from(root, 'base64')))).join(''));
});

afterAll(async () => {
  await chain?.stop();
  await new Promise((resolve) => statusServer?.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npx evident-verify over docs/vectors', () => {
  it('reports every vector as the manifest says (chain-anchor failing against a real node)', async () => {
    const byFile = new Map<string, (typeof manifest.cases)[number][]>();
    for (const c of manifest.cases) {
      expect(c.fileContentAscii, `${c.file}: every vector is checked with a file`).not.toBeNull();
      byFile.set(c.fileContentAscii!, [...(byFile.get(c.fileContentAscii!) ?? []), c]);
    }
    // One CLI run per original file (two runs in all), the runs side by side.
    const runs = await Promise.all(
      [...byFile].map(async ([fileContentAscii, cases]) => ({ cases, ...(await verifyWithCli(cases.map((c) => c.file), fileContentAscii)) })),
    );
    for (const { cases, code, reports, stderr } of runs) {
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(reports).toHaveLength(cases.length);
      cases.forEach((c, i) => {
        const failed = reports[i].checks.filter((check) => check.status === 'fail').map((check) => check.id);
        expect(failed, `${c.file} checked with ${c.fileContentAscii}`).toEqual(expectedFailures(c));
      });
    }
    expect(runs.flatMap((run) => run.cases)).toHaveLength(manifest.cases.length);
  });
});
