// The audit log's filters, parsed once from a query string and shared by the /audit page and the
// CSV export, so the export holds exactly the rows the page shows. Dates are calendar days in the
// display time zone (Asia/Shanghai), both ends inclusive.
import { z } from 'zod';
import { displayDaySchema, endOfDisplayDay, isReversedDayRange, startOfDisplayDay } from '../i18n/display-day';
import type { Prisma } from '../db/generated/client';
import { InvalidRequestError } from '../errors';
import { AUDIT_ACTIONS } from './audit-actions';

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** The issue a reversed date range raises, so that a form can say that rather than "not a date". */
export const REVERSED_RANGE_ISSUE = 'is before `from`: the range holds no day';

export const auditFiltersSchema = z.object({
  action: z.preprocess(emptyToUndefined, z.enum(AUDIT_ACTIONS).optional()),
  organizationId: z.preprocess(emptyToUndefined, z.uuid().optional()),
  actor: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
  targetType: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z_]{1,40}$/).optional()),
  targetId: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
  from: z.preprocess(emptyToUndefined, displayDaySchema.optional()),
  to: z.preprocess(emptyToUndefined, displayDaySchema.optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
}).refine((filters) => !isReversedDayRange(filters.from, filters.to), { path: ['to'], message: REVERSED_RANGE_ISSUE });

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** From URLSearchParams or a Next.js searchParams object; a bad value is an InvalidRequestError. */
export function parseAuditFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): AuditFilters {
  const raw =
    params instanceof URLSearchParams
      ? Object.fromEntries(params.entries())
      : Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = auditFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidRequestError(`Audit filter ${issue.path.join('.') || 'value'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The Prisma condition for the filters (the page number aside). */
export function auditEntryWhere(filters: AuditFilters): Prisma.AuditEntryWhereInput {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (filters.action) and.push({ action: filters.action });
  if (filters.organizationId) and.push({ organizationId: filters.organizationId });
  if (filters.targetType) and.push({ targetType: filters.targetType });
  if (filters.targetId) and.push({ targetId: filters.targetId });
  if (filters.actor) and.push({ actorLabel: { contains: filters.actor, mode: 'insensitive' } });
  if (filters.from) and.push({ occurredAt: { gte: startOfDisplayDay(filters.from) } });
  if (filters.to) and.push({ occurredAt: { lt: endOfDisplayDay(filters.to) } });
  return { AND: and };
}

/** The filters as a query string (without the page), for links and the export URL. */
export function auditFiltersQuery(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ['action', 'organizationId', 'actor', 'targetType', 'targetId', 'from', 'to'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
