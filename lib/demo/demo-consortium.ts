// The demo consortium seeded into an empty database (SEED_DEMO=false turns it off): one operator,
// two lenders of a co-lending pair, one arbitration commission, one regulator, two borrowers. The
// README lists the same accounts. Demo credentials only: a real deployment sets SEED_DEMO=false.
import type { OrganizationType, UserRole } from '../db/generated/enums';

export const DEMO_PASSWORD = 'evident-demo-2026';

export interface DemoOrganization {
  key: string;
  name: string;
  type: OrganizationType;
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { key: 'operator', name: 'Evident 平台运营方 (Demo Operator)', type: 'operator' },
  { key: 'lenderA', name: '粤信银行 Yuexin Bank (Demo Lender A)', type: 'lender' },
  { key: 'lenderB', name: '南粤合作银行 Nanyue Partner Bank (Demo Lender B)', type: 'lender' },
  { key: 'commission', name: '广州仲裁委员会 (Demo) Guangzhou Arbitration Commission', type: 'arbitration_commission' },
  { key: 'regulator', name: '金融监管局 (Demo) Financial Regulator', type: 'regulator' },
];

export interface DemoStaff {
  email: string;
  name: string;
  organization: string;
  role: UserRole;
}

export const DEMO_STAFF: DemoStaff[] = [
  { email: 'operator@evident.demo', name: '运营管理员 Operator Admin', organization: 'operator', role: 'admin' },
  { email: 'lender-a@evident.demo', name: '陈晓 Chen Xiao', organization: 'lenderA', role: 'admin' },
  { email: 'lender-b@evident.demo', name: '黄敏 Huang Min', organization: 'lenderB', role: 'admin' },
  { email: 'arbitrator@evident.demo', name: '林仲裁员 Arbitrator Lin', organization: 'commission', role: 'member' },
  { email: 'regulator@evident.demo', name: '周监管 Regulator Zhou', organization: 'regulator', role: 'member' },
];

/** The demo lenders' co-lending pair (lib/reconciliation): A is lender A, B lender B. */
export const DEMO_RECONCILIATION_PAIR = {
  name: '粤信—南粤联合贷款 Yuexin–Nanyue co-lending (Demo)',
  cutOffTime: '10:00',
  firstBusinessDate: '2026-11-01',
  toleranceRules: [{ name: 'split-rounding' as const, maxFen: 1 }],
  columnMapA: { carrier: 'csv' as const, encoding: 'utf-8' as const },
  columnMapB: { carrier: 'csv' as const, encoding: 'utf-8' as const },
};

/** Business dates of the pair the demo seed reconciles (lib/demo/seed-demo-reconciliation-days.ts). */
export const DEMO_RECONCILIATION_DAYS = ['2026-11-02', '2026-11-03'];

export interface DemoBorrower {
  email: string;
  name: string;
  idNumber: string;
  phone: string;
}

export const DEMO_BORROWERS: DemoBorrower[] = [
  { email: 'borrower-1@evident.demo', name: '张伟 Zhang Wei', idNumber: '44010419900307451X', phone: '+8613800000001' },
  { email: 'borrower-2@evident.demo', name: '李娜 Li Na', idNumber: '440106198811213029', phone: '+8613800000002' },
];

/** The demo banks' sign-off keystores' password (README, demo section; lib/demo/seed-demo-sign-off-keys.ts). */
export const DEMO_SIGN_OFF_KEY_PASSWORD = 'evident-demo-sign-off';

/** Where a demo bank's sign-off keystore is: `<dataDir>/demo/sign-off-keys/lender-a.json` or `lender-b.json`. */
export function demoSignOffKeyFile(dataDir: string, bank: 'A' | 'B'): string {
  return `${dataDir.replace(/\/+$/, '')}/demo/sign-off-keys/lender-${bank.toLowerCase()}.json`;
}
