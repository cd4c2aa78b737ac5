// A reconciliation certificate carried in a case's evidence package (docs/proof-format.md §14): the
// file the manifest lists under `reconciliationCertificates` must be a reconciliation certificate
// (a top-level `kind`), carry the entry's `serial`, and pass docs/reconciliation-format.md §12.6 with
// the manifest's issuer pinned. Its digest is checked with the package's other files. Browser-safe:
// the offline verify.html and the tests read packages through it.
import { verifyCertificate } from './verify-certificate';

/** Null when it holds; else why not, for the package's report. */
export async function checkPackagedReconciliationCertificate({
  text,
  entry,
  issuer,
}: {
  text: string;
  entry: { path: string; serial: string };
  issuer: string;
}): Promise<string | null> {
  let value: unknown = null;
  try {
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    // not JSON: the certificate-format check below names it
  }
  const document = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  if (document !== null && !Object.hasOwn(document, 'kind')) {
    return `${entry.path}: (package.not-a-reconciliation-certificate) the file is not a reconciliation certificate.`;
  }
  const report = await verifyCertificate({ certificate: text, trustedIssuers: [issuer] });
  const failure = report.checks.find((check) => check.status === 'fail');
  if (!report.valid) return `${entry.path}: (${failure?.code ?? failure?.id ?? 'invalid'}) ${failure?.message ?? 'the certificate does not hold.'}`;
  const serial = document?.serial;
  if (serial !== entry.serial) return `${entry.path}: (package.differs-from-manifest) the certificate's serial ${String(serial)} is not the manifest's ${entry.serial}.`;
  return null;
}
