// Portal sign-in, built on better-auth: email and password (scrypt, memory-hard), server-side
// sessions in the database (the cookie carries only a signed token, so deleting the rows signs a
// user out everywhere), per-IP rate limits shared through the database, and limits on failed
// sign-ins per account and address counted from the audit log. Accounts are created by operators and the demo seed,
// never by public sign-up.
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import type { PrismaClient } from '../db/client';
import { appendAuditEntry, recordAuditEvent } from '../audit/append-audit-entry';
import { CLIENT_IP_HEADER, clientIpOf } from './client-ip';

export interface CreateAuthOptions {
  prisma: PrismaClient;
  secret: string;
  /** Where the portal is reached; cookies and origin checks follow it. */
  baseURL: string;
  /** Further origins allowed to post sign-in forms (the same server under another host name). */
  trustedOrigins?: string[];
  sessionTtlHours: number;
  /** Failed sign-ins per account and client address within 15 minutes before that address is refused. */
  signInMaxFailures: number;
  /** Failed sign-ins per account from all addresses before only previously used addresses may sign in (default 50). */
  signInAccountMaxFailures?: number;
  /** Sign-in attempts per minute per client address (default 10). */
  signInRateLimitPerMinute?: number;
}

const FAILURE_WINDOW_MS = 15 * 60 * 1000;
const DEFAULT_ACCOUNT_MAX_FAILURES = 50;

export function createAuth(options: CreateAuthOptions) {
  const { prisma } = options;
  return betterAuth({
    appName: 'Evident',
    baseURL: options.baseURL,
    secret: options.secret,
    trustedOrigins: options.trustedOrigins,
    database: prismaAdapter(prisma, { provider: 'postgresql' }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10 },
    session: {
      expiresIn: options.sessionTtlHours * 3600,
      updateAge: 3600,
    },
    user: {
      additionalFields: {
        organizationId: { type: 'string', required: false, input: false },
        role: { type: 'string', required: false, input: false },
        borrowerId: { type: 'string', required: false, input: false },
      },
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 120,
      customRules: { '/sign-in/email': { window: 60, max: options.signInRateLimitPerMinute ?? 10 } },
    },
    advanced: {
      database: { generateId: 'uuid' },
      // Behind https (PUBLIC_BASE_URL), the session cookie is Secure: never sent over plain http.
      useSecureCookies: new URL(options.baseURL).protocol === 'https:',
      // The address the web server resolved from the socket (and trusted proxies), never a header
      // the client chose: the per-address sign-in limit must not be escapable.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    databaseHooks: {
      session: {
        create: {
          after: async (session) => {
            const user = await prisma.user.findUnique({ where: { id: session.userId } });
            if (!user) return;
            await recordAuditEvent(prisma, {
              actor: { userId: user.id, label: user.email, organizationId: user.organizationId, ipAddress: session.ipAddress ?? null },
              action: 'auth.sign_in',
              targetType: 'user',
              targetId: user.id,
            });
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const raw = (ctx.body as { email?: unknown; password?: unknown } | undefined) ?? {};
        // PostgreSQL's text cannot hold U+0000: such an email could match no account anyway.
        if ([raw.email, raw.password].some((value) => typeof value === 'string' && value.includes('\u0000'))) {
          throw new APIError('BAD_REQUEST', { message: 'The email or password contains a NUL character.', code: 'INVALID_EMAIL_OR_PASSWORD' });
        }
        const email = normalizeEmail(raw.email);
        if (!email) return;
        // Failures are counted per account *and* client address, so a stranger who knows an email
        // cannot lock its owner out from elsewhere. A distributed guess across many addresses meets
        // an account-wide ceiling, which a correct password still passes from an address this account
        // signed in from before.
        const address = ctx.request ? clientIpOf(ctx.request.headers) : null;
        if ((await recentFailures(prisma, email, address)) >= options.signInMaxFailures) {
          throw new APIError('TOO_MANY_REQUESTS', {
            message: 'Too many failed sign-ins for this account from this address. Wait 15 minutes and try again.',
            code: 'TOO_MANY_FAILED_SIGN_INS',
          });
        }
        const accountMax = options.signInAccountMaxFailures ?? DEFAULT_ACCOUNT_MAX_FAILURES;
        if ((await recentFailures(prisma, email)) >= accountMax && !(await signedInBefore(prisma, email, address))) {
          throw new APIError('TOO_MANY_REQUESTS', {
            message: 'Too many failed sign-ins for this account. Sign in from an address you used before, or wait 15 minutes.',
            code: 'TOO_MANY_FAILED_SIGN_INS',
          });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const returned = ctx.context.returned;
        if (!(returned instanceof APIError) || returned.status !== 'UNAUTHORIZED') return;
        const email = normalizeEmail((ctx.body as { email?: unknown } | undefined)?.email);
        if (!email) return;
        const user = await prisma.user.findUnique({ where: { email } });
        await prisma.$transaction((tx) =>
          appendAuditEntry(tx, {
            actor: {
              userId: null,
              label: email,
              organizationId: user?.organizationId ?? null,
              ipAddress: ctx.request ? clientIpOf(ctx.request.headers) : null,
            },
            action: 'auth.sign_in_failed',
            targetType: 'email',
            targetId: email,
          }),
        );
      }),
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

function normalizeEmail(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : null;
}

/** Failed sign-ins for the account in the last 15 minutes, since its last successful one; from one
 * client address when `address` is given (null: unknown address). */
async function recentFailures(prisma: PrismaClient, email: string, address?: string | null): Promise<number> {
  const since = new Date(Date.now() - FAILURE_WINDOW_MS);
  const fromAddress = address === undefined ? {} : { ipAddress: address };
  const lastSuccess = await prisma.auditEntry.findFirst({
    where: { action: 'auth.sign_in', actorLabel: email, occurredAt: { gte: since }, ...fromAddress },
    orderBy: { sequence: 'desc' },
    select: { sequence: true },
  });
  return prisma.auditEntry.count({
    where: {
      action: 'auth.sign_in_failed',
      targetId: email,
      occurredAt: { gte: since },
      ...fromAddress,
      ...(lastSuccess ? { sequence: { gt: lastSuccess.sequence } } : {}),
    },
  });
}

/** Whether the account signed in successfully from this address in the last 90 days. */
async function signedInBefore(prisma: PrismaClient, email: string, address: string | null): Promise<boolean> {
  if (address === null) return false;
  const since = new Date(Date.now() - 90 * 24 * 3600 * 1000);
  return (await prisma.auditEntry.count({ where: { action: 'auth.sign_in', actorLabel: email, ipAddress: address, occurredAt: { gte: since } } })) > 0;
}
