// The browser side of better-auth: the sign-in form posts through it to /api/auth/sign-in/email,
// where the rate limits apply.
import { createAuthClient } from 'better-auth/react';

export const authClient = createAuthClient();
