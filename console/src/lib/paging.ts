// Keyset paging state: the API pages forward with `after`; "Previous" walks back a stack of
// the cursors that opened each page we have seen (a keyset cursor cannot be decremented).

/** The one list envelope of the REST API: follow `next_cursor` while `has_more`. */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

export interface PagingState {
  /** cursors[i] is the `after` that produced page i (null: the first page). */
  cursors: (string | null)[];
  index: number;
}

export const firstPage = (): PagingState => ({ cursors: [null], index: 0 });

export function currentAfter(s: PagingState): string | null {
  return s.cursors[s.index] ?? null;
}

export function nextPage(s: PagingState, endCursor: string | null | undefined): PagingState {
  if (!endCursor) return s;
  // Going forward from a page we came back to drops the stale tail (filters may have moved rows).
  const cursors = s.cursors.slice(0, s.index + 1);
  cursors.push(endCursor);
  return { cursors, index: s.index + 1 };
}

export function previousPage(s: PagingState): PagingState {
  return s.index === 0 ? s : { cursors: s.cursors, index: s.index - 1 };
}

export const hasPrevious = (s: PagingState): boolean => s.index > 0;
export const pageNumber = (s: PagingState): number => s.index + 1;
