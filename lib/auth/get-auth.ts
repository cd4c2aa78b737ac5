// The web server's better-auth instance, made once from the process configuration.
import { getConfig } from '../config';
import { getPrisma } from '../db/client';
import { processSingleton } from '../process-state';
import { createAuth, type Auth } from './create-auth';

// One per process (lib/process-state.ts).
export function getAuth(): Auth {
  return processSingleton('auth', () => {
    const config = getConfig();
    if (!config.sessionSecret) {
      throw new Error('SESSION_SECRET is not set: start Evident with `npm start` or `npm run dev`, which provide it.');
    }
    // On embedded defaults the same server answers as localhost and 127.0.0.1.
    const local = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
    return createAuth({
      prisma: getPrisma(),
      secret: config.sessionSecret,
      baseURL: config.publicBaseUrl,
      trustedOrigins: config.publicBaseUrlConfigured ? [] : local,
      sessionTtlHours: config.sessionTtlHours,
      signInMaxFailures: config.signInMaxFailures,
      signInAccountMaxFailures: config.signInAccountMaxFailures,
      signInRateLimitPerMinute: config.signInRateLimitPerMinute,
    });
  });
}
