import { describe, expect, it } from 'vitest';
import type { ItemVerification, ReconciliationVerification } from '../cases/case-schemas';
import { assessReviewPoints } from './assess-review-points';
import type { OperatorStatements } from './operator-statements';

const ALL_CHECKS = ['certificate-format', 'file-hash', 'leaf', 'inclusion-proof', 'chain-anchor', 'signature', 'revocation'] as const;

function item(overrides: Partial<Record<(typeof ALL_CHECKS)[number], 'pass' | 'fail' | 'skipped'>> = {}): ItemVerification {
  const checks = ALL_CHECKS.map((id) => ({ id, status: overrides[id] ?? 'pass', message: '' }));
  return {
    evidenceId: 'e',
    fileName: 'f',
    title: null,
    sha256: '0x',
    passed: checks.every((check) => check.status !== 'fail'),
    reason: null,
    message: '',
    certificateSerial: 'EVD-0000-0000-0000-0000',
    storedFileChecked: overrides['file-hash'] !== 'skipped',
    checks,
  };
}

const byId = (results: ReturnType<typeof assessReviewPoints>) => Object.fromEntries(results.map((r) => [r.id, r]));

describe('the legal review points of a report', () => {
  it('supports Art. 16 only when every item passes the technical check', () => {
    expect(byId(assessReviewPoints([item(), item()], null))['online-rules-16']!.result).toBe('supported');
    const failed = byId(assessReviewPoints([item(), item({ 'chain-anchor': 'fail' })], null))['online-rules-16']!;
    expect(failed.result).toBe('not-supported');
    expect(failed.checks.find((c) => c.check === 'chain-anchor')).toMatchObject({ passed: 1, failed: 1 });
    // A hash-only item's file-hash check did not run: nothing failed, but not everything was checked.
    expect(byId(assessReviewPoints([item({ 'file-hash': 'skipped' })], null))['online-rules-16']!.result).toBe('partly');
    expect(byId(assessReviewPoints([], null))['online-rules-16']!.result).toBe('partly');
  });

  it('counts a reconciliation certificate under the checks it answers, and a failed one fails the point', () => {
    const certificate = (chain: 'pass' | 'fail', proof: 'pass' | 'fail' = 'pass'): ReconciliationVerification => ({
      serial: 'EVR-1',
      businessDate: '2026-12-01',
      class: 'field-mismatch',
      pairName: 'A / B',
      sha256: '0x',
      passed: chain === 'pass' && proof === 'pass',
      message: '',
      checks: [
        { id: 'certificate-format', status: 'pass', message: '' },
        { id: 'reconciliation-proof', status: proof, message: '' },
        { id: 'signature', status: 'pass', message: '' },
        { id: 'revocation', status: 'skipped', message: '' },
      ],
      chain: [
        { bank: 'A', status: 'pass', message: '' },
        { bank: 'B', status: chain, message: '' },
      ],
    });
    const passed = byId(assessReviewPoints([item()], null, [certificate('pass')]))['online-rules-16']!;
    expect(passed.result).toBe('supported');
    // No original to re-hash: file-hash and leaf count the evidence item only; proof and chain count both.
    expect(passed.checks.map((c) => [c.check, c.passed, c.failed, c.notRun])).toEqual([
      ['file-hash', 1, 0, 0],
      ['leaf', 1, 0, 0],
      ['inclusion-proof', 2, 0, 0],
      ['chain-anchor', 2, 0, 0],
      ['signature', 2, 0, 0],
    ]);
    const sideOffChain = byId(assessReviewPoints([item()], null, [certificate('fail')]))['online-rules-16']!;
    expect(sideOffChain.result).toBe('not-supported');
    expect(sideOffChain.checks.find((c) => c.check === 'chain-anchor')).toMatchObject({ passed: 1, failed: 1 });
    expect(byId(assessReviewPoints([item()], null, [certificate('pass', 'fail')]))['online-rules-16']!.checks.find((c) => c.check === 'inclusion-proof')).toMatchObject({ failed: 1 });
  });

  it('never reports a point that software cannot check as passed', () => {
    const results = byId(assessReviewPoints([item()], null));
    for (const id of ['online-rules-17', 'online-rules-18', 'online-rules-19', 'evidence-rules-94'] as const) {
      expect(results[id]!.result).toBe('outside-software');
    }
  });

  it('lists the trusted timestamp of Art. 11(2) as not run when the report has none', () => {
    const point = byId(assessReviewPoints([item()], null))['internet-courts-11']!;
    expect(point.checks.find((c) => c.check === 'timestamp')).toMatchObject({ passed: 0, notRun: 1 });
    expect(point.result).toBe('partly');
  });

  it('shows operator statements as statements, and says when none are configured', () => {
    const statements: OperatorStatements = {
      operator: { zh: '某运营方', en: 'Operator Ltd' },
      blockchainServiceFilingNumber: '京网信备11010000000000000001号',
      neutrality: { zh: '运营方与任何当事人均无股权或利益关系。', en: 'The operator has no stake in any party.' },
      standards: [{ zh: 'JR/T 0193-2020', en: 'JR/T 0193-2020' }],
    };
    const with17 = byId(assessReviewPoints([item()], statements))['online-rules-17']!;
    expect(with17.operatorStatements.map((s) => s.label.en)).toEqual([
      'Blockchain information service filing number',
      'Relationship to the parties (neutrality)',
      'Standards the system was assessed against',
    ]);
    expect(with17.operatorStatementsMissing).toBe(false);
    expect(with17.result).toBe('outside-software');
    const without = byId(assessReviewPoints([item()], null))['online-rules-17']!;
    expect(without.operatorStatements).toEqual([]);
    expect(without.operatorStatementsMissing).toBe(true);
  });

  it('quotes only checked wording and marks summaries as summaries', () => {
    for (const point of assessReviewPoints([item()], null)) {
      expect(point.quote !== null || point.summary !== null).toBe(true);
      if (point.summary) {
        expect(point.summary.zh).toMatch(/^（摘要，非原文）/);
        expect(point.summary.en).toMatch(/^\(Summary, not the official wording\)/);
      }
    }
  });
});
