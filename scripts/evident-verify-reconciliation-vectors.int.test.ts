// Every reconciliation certificate vector through the real CLI, as a tribunal's clerk would run it:
// a child process, the issuer pinned with --issuer, no chain node (a version 1 reconciliation
// certificate carries no anchor). Exit codes as for evidence certificates: 0 valid, 1 invalid, 2 a
// file that cannot be read.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import manifest from '../docs/vectors/reconciliation/certificates.json';
import type { VerificationReport } from '../lib/proof/verification-report';

const vectorsDir = path.resolve(import.meta.dirname, '../docs/vectors/reconciliation');
const cases = manifest.cases as { file: string; failures: Record<string, string>; unreadable?: boolean }[];

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.resolve('scripts/evident-verify.mjs'), ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const failuresOf = (report: VerificationReport) =>
  Object.fromEntries(report.checks.filter((check) => check.status === 'fail').map((check) => [check.id, check.code]));

describe('npx evident-verify over the reconciliation certificate vectors', () => {
  it('reports every readable vector as the manifest says, all in one run', () => {
    const readable = cases.filter((c) => !c.unreadable);
    const { code, stdout, stderr } = cli(...readable.map((c) => path.join(vectorsDir, c.file)), '--issuer', manifest.trustedIssuers[0], '--json');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const reports = JSON.parse(stdout) as VerificationReport[];
    expect(reports).toHaveLength(readable.length);
    readable.forEach((c, i) => expect(failuresOf(reports[i]), c.file).toEqual(c.failures));
  });

  it('exits 0 on a good certificate and prints the checks and what the issuer signed', () => {
    for (const c of cases.filter((c) => Object.keys(c.failures).length === 0)) {
      const { code, stdout } = cli(path.join(vectorsDir, c.file), '--issuer', manifest.trustedIssuers[0]);
      expect(code, c.file).toBe(0);
      expect(stdout).toContain('[PASS] reconciliation-proof');
      expect(stdout).toContain('Signed by the issuer:');
      expect(stdout).toContain('businessDate           2026-12-01');
      expect(stdout).toContain('RESULT: VALID');
    }
  });

  it('exits 1 naming the failed check for a bad one, and 2 for a file that is not JSON', () => {
    const edited = cli(path.join(vectorsDir, 'certificate.fail.proof-side-not-attested.json'), '--issuer', manifest.trustedIssuers[0]);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('[FAIL] reconciliation-proof');
    expect(edited.stdout).toContain('RESULT: INVALID');
    const unreadable = cases.find((c) => c.unreadable)!;
    const garbage = cli(path.join(vectorsDir, unreadable.file));
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toContain('not valid JSON');
  });
});
