// Portal sign-in against the real database: better-auth's handler as the web server runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { DEMO_PASSWORD } from '../platform/demo-consortium';
import { createAuth, type Auth } from './create-auth';
import { getSessionViewer } from './get-session-viewer';

const BASE = 'http://localhost:3999';
let services: TestServices;
let auth: Auth;

function signIn(email: string, password: string, ip = '203.0.113.7'): Promise<Response> {
  return auth.handler(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE, 'x-forwarded-for': ip },
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
  });
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

describe('sign-in', () => {
  it('signs a lender in with a server-side session and resolves them to their organization', async () => {
    const response = await signIn('lender-a@evident.demo', DEMO_PASSWORD);
    expect(response.status).toBe(200);
    const headers = new Headers({ cookie: cookieOf(response), 'x-forwarded-for': '203.0.113.7' });
    const viewer = await getSessionViewer({ auth, prisma: services.prisma, headers });
    expect(viewer).toMatchObject({ kind: 'staff', email: 'lender-a@evident.demo', organizationType: 'lender', role: 'admin', ipAddress: '203.0.113.7' });
    const user = await services.prisma.user.findUniqueOrThrow({ where: { email: 'lender-a@evident.demo' } });
    expect(await services.prisma.session.count({ where: { userId: user.id } })).toBeGreaterThan(0);
    const entry = await services.prisma.auditEntry.findFirst({ where: { action: 'auth.sign_in', actorUserId: user.id } });
    expect(entry?.ipAddress).toBe('203.0.113.7');
  });

  it('stores passwords only as a memory-hard hash', async () => {
    const account = await services.prisma.account.findFirstOrThrow({ where: { user: { email: 'borrower-1@evident.demo' } } });
    expect(account.password).not.toContain(DEMO_PASSWORD);
    // better-auth's scrypt format: hex salt and key separated by a colon.
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
  });

  it('refuses a wrong password, audits the failure, and locks the account after repeated failures', async () => {
    const email = 'borrower-2@evident.demo';
    for (let i = 0; i < 3; i++) expect((await signIn(email, 'wrong-password-1', `198.51.100.${i}`)).status).toBe(401);
    expect(await services.prisma.auditEntry.count({ where: { action: 'auth.sign_in_failed', targetId: email } })).toBe(3);
    // Even the right password is refused now, from any address: the limit is per account.
    const locked = await signIn(email, DEMO_PASSWORD, '198.51.100.99');
    expect(locked.status).toBe(429);
    // Other accounts are unaffected.
    expect((await signIn('regulator@evident.demo', DEMO_PASSWORD)).status).toBe(200);
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
