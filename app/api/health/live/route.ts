import { apiRoute } from '@/lib/http/api-route';

// Liveness: the process is up and serving. Touches nothing else, so a database or chain outage
// never makes a supervisor restart an instance that would come back to the same outage.
export const dynamic = 'force-dynamic';

export const GET = apiRoute({ auth: 'none' }, async () => Response.json({ live: true }));
