import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { authorize, can, casesVisibleTo, evidenceVisibleTo, reconciliationPairsVisibleTo, type Action } from './authorize';
import type { Viewer } from './viewer';

const staff = (organizationType: 'lender' | 'arbitration_commission' | 'regulator' | 'operator', role: 'admin' | 'member' = 'member'): Viewer => ({
  kind: 'staff',
  userId: `user-${organizationType}`,
  email: `${organizationType}@example.test`,
  name: organizationType,
  role,
  organizationId: `org-${organizationType}`,
  organizationType,
  organizationName: organizationType,
  ipAddress: null,
});

const VIEWERS: Record<string, Viewer> = {
  anonymous: { kind: 'anonymous', ipAddress: null },
  lenderAdmin: staff('lender', 'admin'),
  lenderMember: staff('lender'),
  lenderApiKey: { kind: 'api-key', apiKeyId: 'k', prefix: 'abcd1234', organizationId: 'org-lender', organizationType: 'lender', ipAddress: null },
  arbitrator: staff('arbitration_commission'),
  regulator: staff('regulator'),
  operator: staff('operator', 'admin'),
  borrower: { kind: 'borrower', userId: 'u-b', email: 'b@example.test', name: 'b', borrowerId: 'borrower-1', ipAddress: null },
};

// The whole policy, written out: who may do what. A change to the rules must change this table.
const ALLOWED: Record<Action, string[]> = {
  'evidence.submit': ['lenderAdmin', 'lenderMember', 'lenderApiKey'],
  'evidence.read': ['lenderAdmin', 'lenderMember', 'lenderApiKey', 'arbitrator', 'borrower'],
  'evidence.download_original': ['lenderAdmin', 'lenderMember', 'lenderApiKey', 'arbitrator'],
  'evidence.list_submitted': ['lenderAdmin', 'lenderMember', 'lenderApiKey'],
  'case.file': ['lenderAdmin', 'lenderMember'],
  'case.read': ['lenderAdmin', 'lenderMember', 'arbitrator', 'borrower'],
  'case.review': ['arbitrator'],
  'case.package': ['lenderAdmin', 'lenderMember', 'lenderApiKey', 'arbitrator'],
  'audit.read': ['regulator', 'operator'],
  'api_key.manage': ['lenderAdmin'],
  'reconciliation.submit': ['lenderAdmin', 'lenderMember', 'lenderApiKey'],
  'reconciliation.read': ['lenderAdmin', 'lenderMember', 'lenderApiKey'],
  'reconciliation.oversee': ['regulator', 'operator'],
  'reconciliation.regulate': ['regulator'],
  'reconciliation.answer_disclosure': ['lenderAdmin', 'lenderMember'],
};

describe('authorize', () => {
  for (const [action, allowed] of Object.entries(ALLOWED) as Array<[Action, string[]]>) {
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      const expected = allowed.includes(name);
      it(`${name} ${expected ? 'may' : 'may not'} ${action}`, () => {
        expect(can(viewer, action)).toBe(expected);
        if (expected) expect(() => authorize(viewer, action)).not.toThrow();
        else expect(() => authorize(viewer, action)).toThrow(viewer.kind === 'anonymous' ? UnauthorizedError : ForbiddenError);
      });
    }
  }
});

describe('visibility scopes', () => {
  it('scope co-lending pairs to the two banks of each, and nobody else', () => {
    const member = { OR: [{ lenderAId: 'org-lender' }, { lenderBId: 'org-lender' }] };
    expect(reconciliationPairsVisibleTo(VIEWERS.lenderMember)).toEqual(member);
    expect(reconciliationPairsVisibleTo(VIEWERS.lenderApiKey)).toEqual(member);
    for (const name of ['regulator', 'arbitrator', 'operator', 'borrower', 'anonymous']) {
      expect(reconciliationPairsVisibleTo(VIEWERS[name])).toEqual({ id: { in: [] } });
    }
  });

  it('scope evidence to the lender, the named borrower, or the commission’s cases', () => {
    expect(evidenceVisibleTo(VIEWERS.lenderMember)).toEqual({ organizationId: 'org-lender' });
    expect(evidenceVisibleTo(VIEWERS.lenderApiKey)).toEqual({ organizationId: 'org-lender' });
    expect(evidenceVisibleTo(VIEWERS.borrower)).toEqual({ borrowerId: 'borrower-1' });
    expect(evidenceVisibleTo(VIEWERS.arbitrator)).toEqual({
      caseLinks: { some: { case: { commissionOrganizationId: 'org-arbitration_commission' } } },
    });
    for (const name of ['anonymous', 'regulator', 'operator']) expect(evidenceVisibleTo(VIEWERS[name])).toEqual({ id: { in: [] } });
  });

  it('scope cases to the filing lender, the commission and the named borrower', () => {
    expect(casesVisibleTo(VIEWERS.lenderMember)).toEqual({ lenderOrganizationId: 'org-lender' });
    expect(casesVisibleTo(VIEWERS.arbitrator)).toEqual({ commissionOrganizationId: 'org-arbitration_commission' });
    expect(casesVisibleTo(VIEWERS.borrower)).toEqual({ borrowerId: 'borrower-1' });
    for (const name of ['anonymous', 'lenderApiKey', 'regulator', 'operator']) expect(casesVisibleTo(VIEWERS[name])).toEqual({ id: { in: [] } });
  });
});
