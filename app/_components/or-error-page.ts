// Pages map a lib service's domain errors to the same statuses as the API (lib/http/problem-response):
// a 404 or 403 is the not-found or forbidden page, a 401 the sign-in page. Anything else is a bug and
// goes to app/error.tsx without details.
import { forbidden, notFound, unauthorized } from 'next/navigation';
import { DomainError } from '@/lib/errors';
import { statusOfDomainError } from '@/lib/http/problem-response';

export async function orErrorPage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError) {
      const status = statusOfDomainError(error);
      if (status === 404) notFound();
      if (status === 403) forbidden();
      if (status === 401) unauthorized();
    }
    throw error;
  }
}
