// The authentication library's own endpoints (sign-in, sign-out, sessions): better-auth answers them
// whole, so this is the one route that is not an apiRoute (lib/http/api-route.ts).
import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/lib/auth/get-auth';

export const dynamic = 'force-dynamic';

export const { GET, POST } = toNextJsHandler((request: Request) => getAuth().handler(request));
