// The client address for the audit log and sign-in limits, as the web server resolved it from the
// socket (lib/web-server/serve-web.ts); null where a request did not pass through it.
import { CLIENT_IP_HEADER } from '../http/resolve-client-address';

export { CLIENT_IP_HEADER };

export function clientIpOf(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER)?.trim() || null;
}
