// A RevocationLookup over the issuer's HTTP API, for the browser verifier and the CLI.
import { revocationStatusPath, revocationStatusSchema, type RevocationLookup } from './revocation-status';

export interface CreateRevocationLookupOptions {
  /** The issuer's origin, e.g. https://evident.example; the status path is appended to it. */
  baseUrl: string;
  fetch?: typeof globalThis.fetch;
}

export function createRevocationLookup({ baseUrl, fetch = globalThis.fetch }: CreateRevocationLookupOptions): RevocationLookup {
  return async (serial) => {
    const url = new URL(revocationStatusPath(serial), baseUrl);
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (response.status === 404) {
      throw new Error(`the issuer at ${url.origin} knows no certificate with serial ${serial}`);
    }
    if (!response.ok) {
      throw new Error(`${url.href} answered HTTP ${response.status}`);
    }
    const parsed = revocationStatusSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new Error(`${url.href} did not answer with a revocation status`);
    }
    if (parsed.data.serial !== serial) {
      throw new Error(`${url.href} answered for serial ${parsed.data.serial}, not ${serial}`);
    }
    return parsed.data;
  };
}
