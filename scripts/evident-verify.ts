// The independent verifier for arbitrators: needs no database and no running Evident, only the
// certificate (JSON or PDF), optionally the original file, and a chain node of the verifier's
// choice. Runs the same lib/verify code as /verify and POST /api/v1/verify.
//
//   npx evident-verify <certificate.json|certificate.pdf> [original-file] --rpc <url>
//       [--issuer <0xaddress>] [--status-url <https://evident.example>] [--json]
//
// Exit code 0: valid. 1: invalid (a check failed). 2: bad usage or unreadable input.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createAnchorLookup } from '../lib/chain/create-anchor-lookup';
import { readCertificateFile } from '../lib/certificates/read-certificate-file';
import { createRevocationLookup } from '../lib/verify/create-revocation-lookup';
import { verifyCertificate } from '../lib/verify/verify-certificate';
import type { VerificationReport } from '../lib/verify/verification-report';

const USAGE = `usage: evident-verify <certificate.json|certificate.pdf> [original-file] --rpc <url>
         [--issuer <0xaddress>] [--status-url <https://evident.example>] [--json]

  --rpc <url>          JSON-RPC URL of a node of the consortium chain (your own node)
  --issuer <address>   the issuer address you trust (from the issuer's /.well-known/evident-issuer.json)
  --status-url <url>   the issuing Evident's base URL, to check revocation online
  --json               print the report as JSON

Exit code 0 = valid, 1 = invalid, 2 = bad usage or unreadable input.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rpc: { type: 'string' },
        issuer: { type: 'string' },
        'status-url': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('Give a certificate and, optionally, the original file.');
  if (!values.rpc) throw new UsageError('--rpc <url> is required: the chain node to check the anchor against.');
  if (!/^https?:\/\//.test(values.rpc)) throw new UsageError(`--rpc must be an http(s) URL, got ${values.rpc}`);
  if (values.issuer && !/^0x[0-9a-fA-F]{40}$/.test(values.issuer)) throw new UsageError('--issuer must be a 0x-prefixed address.');
  const statusUrl = values['status-url']?.replace(/\/+$/, '');
  if (statusUrl && !/^https?:\/\//.test(statusUrl)) throw new UsageError('--status-url must be an http(s) URL.');

  const [certificatePath, filePath] = positionals;
  const certificateBytes = await readFile(certificatePath).catch((error: Error) => {
    throw new UsageError(`Cannot read ${certificatePath}: ${error.message}`);
  });
  let certificate: unknown;
  try {
    certificate = await readCertificateFile(new Uint8Array(certificateBytes));
  } catch (error) {
    throw new UsageError(`${certificatePath}: ${(error as Error).message}`);
  }
  const fileSha256 = filePath ? await sha256OfFile(filePath) : undefined;

  const chain = createAnchorLookup({ rpcUrl: values.rpc });
  let report: VerificationReport;
  try {
    report = await verifyCertificate({
      certificate,
      fileSha256,
      chain,
      trustedIssuers: values.issuer ? [values.issuer.toLowerCase()] : undefined,
      revocation: statusUrl ? createRevocationLookup({ baseUrl: statusUrl }) : undefined,
    });
  } finally {
    chain.close();
  }

  if (values.json) console.log(JSON.stringify(report, null, 2));
  else printReport(report, certificatePath, filePath);
  return report.valid ? 0 : 1;
}

async function sha256OfFile(filePath: string): Promise<Uint8Array> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  } catch (error) {
    throw new UsageError(`Cannot read ${filePath}: ${(error as Error).message}`);
  }
  return new Uint8Array(hash.digest());
}

const MARK = { pass: 'PASS', fail: 'FAIL', skipped: 'SKIP' } as const;

function printReport(report: VerificationReport, certificatePath: string, filePath?: string) {
  console.log(`Certificate: ${certificatePath}${filePath ? `\nFile:        ${filePath}` : ''}`);
  for (const check of report.checks) {
    console.log(`  [${MARK[check.status]}] ${check.id.padEnd(18)} ${check.message}`);
  }
  console.log(report.valid ? 'RESULT: VALID' : 'RESULT: INVALID');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) {
      console.error(`evident-verify: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`evident-verify: ${(error as Error).message}`);
    process.exit(2);
  },
);
