// The independent verifier for arbitrators: needs no database and no running Evident, only the
// certificate (JSON or PDF), optionally the original file, and a chain node of the verifier's
// choice. Runs the same lib/proof code as /verify and POST /api/v1/verify. A reconciliation
// certificate (docs/reconciliation-format.md section 12) is checked by the same call, and needs no
// chain node: it carries no anchor in version 1.
//
//   npx evident-verify <certificate.json|certificate.pdf> [original-file] --rpc <url>
//       [--issuer <0xaddress>] [--status-url <https://evident.example>] [--tsa-root <root.pem>]... [--json]
//   npx evident-verify --file <original-file> <certificate>... --rpc <url> [...]
//   npx evident-verify <reconciliation-certificate.json>... [--issuer <0xaddress>] [--json]
//
// Exit code 0: valid (every certificate). 1: invalid (a check failed). 2: bad usage or unreadable input.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createAnchorLookup } from '../lib/proof/create-anchor-lookup';
import { readCertificateFile } from '../lib/proof/read-certificate-file';
import { createRevocationLookup } from '../lib/proof/create-revocation-lookup';
import { verifyCertificate } from '../lib/proof/verify-certificate';
import type { VerificationReport } from '../lib/proof/verification-report';
import { signedSubjectDetails } from '../lib/proof/check-signature';
import { isReconciliationDocument } from '../lib/reconciliation/reconciliation-certificate';
import { signedFacts } from '../lib/reconciliation/verify-reconciliation-certificate';
import { parseTrustedTsaRoots } from '../lib/timestamps/parse-trusted-tsa-roots';

const USAGE = `usage: evident-verify <certificate.json|certificate.pdf> [original-file] --rpc <url>
         [--issuer <0xaddress>] [--status-url <https://evident.example>] [--tsa-root <root.pem>]... [--json]
       evident-verify --file <original-file> <certificate>... --rpc <url> [options as above]
       evident-verify <reconciliation-certificate.json>... [--issuer <0xaddress>] [--json]

  --rpc <url>          JSON-RPC URL of a node of the consortium chain (your own node); not needed
                       when every certificate given is a reconciliation certificate
  --issuer <address>   the issuer address you trust (from the issuer's /.well-known/evident-issuer.json)
  --status-url <url>   the issuing Evident's base URL, to check revocation online
  --tsa-root <file>    a PEM file of timestamping authority roots you trust, for the RFC 3161
                       timestamp of version 2 and 3 certificates (repeatable)
  --file <path>        the original file, checked against every certificate given (several
                       certificates of one file in one run)
  --json               print the report as JSON (an array of reports with --file)

Exit code 0 = valid (every certificate), 1 = invalid, 2 = bad usage or unreadable input.`;

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
        'tsa-root': { type: 'string', multiple: true },
        file: { type: 'string' },
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
  if (values.file !== undefined) {
    if (positionals.length < 1) throw new UsageError('Give at least one certificate to check against --file.');
  } else if (positionals.length < 1) {
    throw new UsageError('Give a certificate and, optionally, the original file.');
  }
  if (values.rpc !== undefined && !/^https?:\/\//.test(values.rpc)) throw new UsageError(`--rpc must be an http(s) URL, got ${values.rpc}`);
  if (values.issuer && !/^0x[0-9a-fA-F]{40}$/.test(values.issuer)) throw new UsageError('--issuer must be a 0x-prefixed address.');
  const statusUrl = values['status-url']?.replace(/\/+$/, '');
  if (statusUrl && !/^https?:\/\//.test(statusUrl)) throw new UsageError('--status-url must be an http(s) URL.');

  let trustedTsaRoots: Uint8Array[] | undefined;
  try {
    trustedTsaRoots = values['tsa-root']?.flatMap((file) => parseTrustedTsaRoots(file));
  } catch (error) {
    throw new UsageError(`--tsa-root: ${(error as Error).message.replace(/^TSA_CA_CERTS: /, '')}`);
  }

  // Several reconciliation certificates may be given in one run; an evidence certificate comes with
  // at most its original file as a second positional.
  const leading = values.file === undefined && positionals.length > 1 ? await readCertificate(positionals[0]) : undefined;
  const severalReconciliation = values.file === undefined && leading !== undefined && isReconciliationDocument(leading);
  if (values.file === undefined && positionals.length > 2 && !severalReconciliation) {
    throw new UsageError('Give a certificate and, optionally, the original file.');
  }
  const [certificatePaths, filePath] =
    values.file !== undefined ? [positionals, values.file] : severalReconciliation ? [positionals, undefined] : [positionals.slice(0, 1), positionals[1]];
  const certificates = await Promise.all(certificatePaths.map(readCertificate));
  if (!values.rpc && certificates.some((certificate) => !isReconciliationDocument(certificate))) {
    throw new UsageError('--rpc <url> is required: the chain node to check the anchor against.');
  }
  const fileSha256 = filePath ? await sha256OfFile(filePath) : undefined;

  const chain = values.rpc ? createAnchorLookup({ rpcUrl: values.rpc }) : undefined;
  const revocation = statusUrl ? createRevocationLookup({ baseUrl: statusUrl }) : undefined;
  const reports: VerificationReport[] = [];
  try {
    for (const certificate of certificates) {
      reports.push(
        await verifyCertificate({
          certificate,
          fileSha256,
          chain,
          trustedIssuers: values.issuer ? [values.issuer.toLowerCase()] : undefined,
          revocation,
          trustedTsaRoots,
        }),
      );
    }
  } finally {
    chain?.close();
  }

  // Written out before returning: process.exit would cut a long report short on a pipe.
  const several = values.file !== undefined || severalReconciliation;
  if (values.json) await new Promise((resolve) => process.stdout.write(`${JSON.stringify(several ? reports : reports[0], null, 2)}\n`, resolve));
  else reports.forEach((report, i) => printReport(report, certificatePaths[i], filePath));
  return reports.every((report) => report.valid) ? 0 : 1;
}

async function readCertificate(certificatePath: string): Promise<unknown> {
  const certificateBytes = await readFile(certificatePath).catch((error: Error) => {
    throw new UsageError(`Cannot read ${certificatePath}: ${error.message}`);
  });
  try {
    return await readCertificateFile(new Uint8Array(certificateBytes));
  } catch (error) {
    throw new UsageError(`${certificatePath}: ${(error as Error).message}`);
  }
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

const signature = (report: VerificationReport) => report.checks.find((check) => check.id === 'signature');

function printReport(report: VerificationReport, certificatePath: string, filePath?: string) {
  console.log(`Certificate: ${certificatePath}${filePath ? `\nFile:        ${filePath}` : ''}`);
  for (const check of report.checks) {
    console.log(`  [${MARK[check.status]}] ${check.id.padEnd(20)} ${check.message}`);
  }
  // A reconciliation certificate: what the issuer states about the pair, the day and the record.
  if (report.reconciliationCertificate && signature(report)?.status === 'pass') {
    console.log('Signed by the issuer:');
    for (const [key, value] of Object.entries(signedFacts(report.reconciliationCertificate))) console.log(`  ${key.padEnd(22)} ${value}`);
  }
  // Format version 3: what the item is and who submitted it, once the signature shows the issuer said so.
  const subject = report.certificate && signature(report)?.status === 'pass' ? signedSubjectDetails(report.certificate) : {};
  if (Object.keys(subject).length > 0) {
    console.log('Signed by the issuer:');
    if (subject.organizationName) console.log(`  ${'organization'.padEnd(22)} ${subject.organizationName}, anchored by member ${report.certificate!.anchor.submitter}`);
    for (const [key, value] of Object.entries(subject)) if (key !== 'organizationName') console.log(`  ${key.padEnd(22)} ${value}`);
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
