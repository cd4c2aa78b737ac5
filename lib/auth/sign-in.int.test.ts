// Portal sign-in against the real database: better-auth's handler as the web server runs it.
import type { BetterAuthOptions } from 'better-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { DEMO_PASSWORD } from '../demo/demo-consortium';
import { CLIENT_IP_HEADER } from './client-ip';
import { createAuth, type Auth } from './create-auth';
import { getSessionViewer } from './get-session-viewer';

const BASE = 'http://localhost:3999';
let services: TestServices;
let auth: Auth;

function signIn(email: string, password: string, ip = '203.0.113.7'): Promise<Response> {
  return auth.handler(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE, [CLIENT_IP_HEADER]: ip },
      body: JSON.stringify({ email, password }),
    }),
  );
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
  auth = createAuth({
    prisma: services.prisma,
    secret: services.secrets.sessionSecret,
    baseURL: BASE,
    sessionTtlHours: 8,
    signInMaxFailures: 3,
    signInAccountMaxFailures: 6,
  });
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

describe('sign-in', () => {
  it('signs a lender in with a server-side session and resolves them to their organization', async () => {
    const response = await signIn('lender-a@evident.demo', DEMO_PASSWORD);
    expect(response.status).toBe(200);
    const headers = new Headers({ cookie: cookieOf(response), [CLIENT_IP_HEADER]: '203.0.113.7' });
    const viewer = await getSessionViewer({ auth, prisma: services.prisma, headers });
    expect(viewer).toMatchObject({ kind: 'staff', email: 'lender-a@evident.demo', organizationType: 'lender', role: 'admin', ipAddress: '203.0.113.7' });
    const user = await services.prisma.user.findUniqueOrThrow({ where: { email: 'lender-a@evident.demo' } });
    expect(await services.prisma.session.count({ where: { userId: user.id } })).toBeGreaterThan(0);
    const entry = await services.prisma.auditEntry.findFirst({ where: { action: 'auth.sign_in', actorUserId: user.id } });
    expect(entry?.ipAddress).toBe('203.0.113.7');
  });

  it('marks the session cookie Secure when the portal is served over https, and only then', async () => {
    const https = createAuth({ prisma: services.prisma, secret: services.secrets.sessionSecret, baseURL: 'https://evident.example', sessionTtlHours: 8, signInMaxFailures: 3 });
    const response = await https.handler(
      new Request('https://evident.example/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evident.example', [CLIENT_IP_HEADER]: '203.0.113.8' },
        body: JSON.stringify({ email: 'regulator@evident.demo', password: DEMO_PASSWORD }),
      }),
    );
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure/i);
    const plain = await signIn('regulator@evident.demo', DEMO_PASSWORD, '203.0.113.9');
    for (const cookie of plain.headers.getSetCookie()) expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it('stores passwords only as a memory-hard hash', async () => {
    const account = await services.prisma.account.findFirstOrThrow({ where: { user: { email: 'borrower-1@evident.demo' } } });
    expect(account.password).not.toContain(DEMO_PASSWORD);
    // better-auth's scrypt format: hex salt and key separated by a colon.
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
  });

  it('refuses a wrong password, audits the failure, and stops a guesser at one address after repeated failures', async () => {
    const email = 'borrower-2@evident.demo';
    for (let i = 0; i < 3; i++) expect((await signIn(email, 'wrong-password-1', '198.51.100.1')).status).toBe(401);
    expect(await services.prisma.auditEntry.count({ where: { action: 'auth.sign_in_failed', targetId: email } })).toBe(3);
    // Even the right password is refused from that address now.
    expect((await signIn(email, DEMO_PASSWORD, '198.51.100.1')).status).toBe(429);
    // Other accounts are unaffected.
    expect((await signIn('regulator@evident.demo', DEMO_PASSWORD)).status).toBe(200);
  });

  it('does not let a stranger lock a user out: failures from other addresses leave the owner’s sign-in working', async () => {
    const email = 'arbitrator@evident.demo';
    // The owner signed in before from their office.
    expect((await signIn(email, DEMO_PASSWORD, '203.0.113.50')).status).toBe(200);
    // A stranger fails from five other addresses (below the per-address limit at each).
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'wrong-password-1', `198.51.100.${60 + i}`)).status).toBe(401);
    expect((await signIn(email, DEMO_PASSWORD, '203.0.113.50')).status).toBe(200);
    // Spread over more addresses, the guesses reach the account-wide ceiling (6 here): new addresses
    // are refused even with the right password, the owner's known address still signs in.
    for (let i = 0; i < 6; i++) await signIn(email, 'wrong-password-1', `198.51.100.${70 + i}`);
    expect((await signIn(email, DEMO_PASSWORD, '198.51.100.99')).status).toBe(429);
    expect((await signIn(email, DEMO_PASSWORD, '203.0.113.50')).status).toBe(200);
  });

  it('refuses an email with a NUL character with 400, not a database error', async () => {
    expect((await signIn('lender-a\u0000@evident.demo', DEMO_PASSWORD, '198.51.100.201')).status).toBe(400);
  });

  it('records at most a bounded actor label for a failed sign-in with a huge email', async () => {
    const email = `${'x'.repeat(5000)}@example.test`;
    expect((await signIn(email, 'wrong-password-1', '198.51.100.200')).status).toBe(401);
    const entry = await services.prisma.auditEntry.findFirstOrThrow({ where: { action: 'auth.sign_in_failed', ipAddress: '198.51.100.200' }, orderBy: { sequence: 'desc' } });
    expect(entry.actorLabel.length).toBeLessThanOrEqual(320);
    expect(entry.targetId!.length).toBeLessThanOrEqual(320);
  });

  it('limits sign-in attempts per client address: the next attempt gets 429, another address is not limited', async () => {
    const options: BetterAuthOptions = auth.options;
    const rule = options.rateLimit?.customRules?.['/sign-in/email'];
    const max = rule && typeof rule === 'object' ? rule.max : undefined;
    expect(max).toBe(10);
    // Unknown accounts, each tried once, so the per-account limit on failures never trips.
    for (let i = 0; i < max!; i++) expect((await signIn(`nobody-${i}@example.test`, 'wrong-password-1', '192.0.2.77')).status).toBe(401);
    const limited = await signIn('lender-b@evident.demo', DEMO_PASSWORD, '192.0.2.77');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('x-retry-after'))).toBeGreaterThan(0);
    // Refused before the password is checked: no session, no audit entry for the attempt.
    expect(await services.prisma.auditEntry.count({ where: { action: 'auth.sign_in', actorLabel: 'lender-b@evident.demo' } })).toBe(0);
    expect((await signIn('lender-b@evident.demo', DEMO_PASSWORD, '192.0.2.78')).status).toBe(200);
  });

  it('signs out everywhere: every session of the account ends', async () => {
    const first = cookieOf(await signIn('arbitrator@evident.demo', DEMO_PASSWORD));
    const second = cookieOf(await signIn('arbitrator@evident.demo', DEMO_PASSWORD, '192.0.2.1'));
    await auth.api.revokeSessions({ headers: new Headers({ cookie: first }) });
    for (const cookie of [first, second]) {
      const viewer = await getSessionViewer({ auth, prisma: services.prisma, headers: new Headers({ cookie }) });
      expect(viewer.kind).toBe('anonymous');
    }
    const user = await services.prisma.user.findUniqueOrThrow({ where: { email: 'arbitrator@evident.demo' } });
    expect(await services.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('offers no public sign-up', async () => {
    const response = await auth.handler(
      new Request(`${BASE}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: BASE },
        body: JSON.stringify({ email: 'intruder@example.test', password: 'a-long-password-1', name: 'x' }),
      }),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await services.prisma.user.count({ where: { email: 'intruder@example.test' } })).toBe(0);
  });
});
