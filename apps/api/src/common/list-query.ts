import { ValidationError } from './errors.js';

/** A list request in the ra-data-simple-rest dialect: `sort=["field","ASC"]`, `range=[0,24]`, `filter={…}`. */
export type ListQuery = {
  sort: { field: string; order: 'ASC' | 'DESC' } | undefined;
  offset: number;
  limit: number;
  filter: Record<string, unknown>;
};

export type ListResult<T> = { rows: T[]; total: number };

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 500;

function parseJson(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new ValidationError({ [name]: `Paramètre ${name} invalide` });
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationError({ [name]: `Paramètre ${name} : JSON invalide` });
  }
}

export function parseListQuery(query: Record<string, unknown>): ListQuery {
  const sortRaw = parseJson('sort', query.sort);
  const rangeRaw = parseJson('range', query.range);
  const filterRaw = parseJson('filter', query.filter) ?? {};

  let sort: ListQuery['sort'];
  if (sortRaw !== undefined) {
    if (!Array.isArray(sortRaw) || typeof sortRaw[0] !== 'string') {
      throw new ValidationError({ sort: 'sort doit être ["champ","ASC"|"DESC"]' });
    }
    const order = String(sortRaw[1] ?? 'ASC').toUpperCase();
    if (order !== 'ASC' && order !== 'DESC') throw new ValidationError({ sort: 'Ordre de tri ASC ou DESC' });
    sort = { field: sortRaw[0], order };
  }

  let offset = 0;
  let limit = DEFAULT_PAGE_SIZE;
  if (rangeRaw !== undefined) {
    const ok =
      Array.isArray(rangeRaw) &&
      rangeRaw.length === 2 &&
      rangeRaw.every((n) => Number.isInteger(n) && n >= 0) &&
      rangeRaw[1] >= rangeRaw[0];
    if (!ok) throw new ValidationError({ range: 'range doit être [début, fin] avec 0 ≤ début ≤ fin' });
    offset = rangeRaw[0];
    limit = rangeRaw[1] - rangeRaw[0] + 1;
    if (limit > MAX_PAGE_SIZE) {
      throw new ValidationError({ range: `Au plus ${MAX_PAGE_SIZE} éléments par page` });
    }
  }

  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw)) {
    throw new ValidationError({ filter: 'filter doit être un objet JSON' });
  }
  return { sort, offset, limit, filter: filterRaw as Record<string, unknown> };
}

/** `Content-Range: <resource> <first>-<last>/<total>`, which react-admin reads for pagination. */
/**
 * A list route in the ra-data-simple-rest dialect: parses the query, runs the listing, sets `Content-Range`
 * on the response, returns the rows.
 */
export async function respondWithList<T>(
  resource: string,
  rawQuery: Record<string, unknown>,
  res: { setHeader(name: string, value: string): unknown },
  list: (query: ListQuery) => Promise<ListResult<T>>,
): Promise<T[]> {
  const query = parseListQuery(rawQuery);
  const { rows, total } = await list(query);
  res.setHeader('Content-Range', contentRange(resource, query, rows.length, total));
  return rows;
}

export function contentRange(resource: string, query: ListQuery, count: number, total: number): string {
  const last = count ? query.offset + count - 1 : query.offset;
  return `${resource} ${query.offset}-${last}/${total}`;
}
