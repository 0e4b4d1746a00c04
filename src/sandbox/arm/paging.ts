// `nextLink` paging the way ARM list operations page: the client follows an opaque absolute URL until
// there is none. The page size is small-able so tests exercise paging with a handful of resources.

import type { ArmContext, ArmRequest } from './router';

export interface Page<T> {
  value: T[];
  nextLink?: string;
}

export function paged<T>(items: readonly T[], req: ArmRequest, ctx: ArmContext): Page<T> {
  const skip = Number(req.query.get('$skipToken') ?? '0') || 0;
  const top = Number(req.query.get('$top') ?? '0');
  const size = top > 0 ? Math.min(top, ctx.pageSize) : ctx.pageSize;
  const value = items.slice(skip, skip + size);
  if (skip + size >= items.length) return { value };
  const query = new URLSearchParams(req.query);
  query.set('$skipToken', String(skip + size));
  return { value, nextLink: `${ctx.baseUrl}${req.path}?${query.toString()}` };
}
