// A request's query string read through its zod schema (a strict object), or a 400 naming the first
// parameter that is wrong: the one way every list and download endpoint reads its query.
import type { z } from 'zod';
import { InvalidRequestError } from '../errors';

/** `field: message` for the first issue; an unknown member is named with `unknownMember`. */
export function firstIssueMessage(error: z.ZodError, unknownMember: string): string {
  const issue = error.issues[0];
  if (issue.code === 'unrecognized_keys') return `${issue.keys[0]}: ${unknownMember}`;
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}

export function parseQuery<S extends z.ZodType>(schema: S, request: Request): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new InvalidRequestError(firstIssueMessage(parsed.error, 'is not a query parameter of this endpoint'));
  return parsed.data;
}
