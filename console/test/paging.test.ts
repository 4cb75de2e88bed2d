import { describe, expect, it } from 'vitest';
import { currentAfter, firstPage, hasPrevious, nextPage, pageNumber, previousPage } from '../src/lib/paging';

describe('keyset paging state', () => {
  it('walks forward and back over the cursors seen', () => {
    let s = firstPage();
    expect(currentAfter(s)).toBeNull();
    expect(hasPrevious(s)).toBe(false);
    s = nextPage(s, 'c1');
    s = nextPage(s, 'c2');
    expect(currentAfter(s)).toBe('c2');
    expect(pageNumber(s)).toBe(3);
    s = previousPage(s);
    expect(currentAfter(s)).toBe('c1');
    s = previousPage(s);
    expect(currentAfter(s)).toBeNull();
    expect(previousPage(s)).toBe(s);
  });

  it('going forward after going back drops the stale tail', () => {
    let s = nextPage(nextPage(firstPage(), 'a'), 'b');
    s = previousPage(s);
    s = nextPage(s, 'b2');
    expect(s.cursors).toEqual([null, 'a', 'b2']);
    expect(currentAfter(s)).toBe('b2');
  });

  it('ignores a missing end cursor (last page)', () => {
    const s = firstPage();
    expect(nextPage(s, null)).toBe(s);
    expect(nextPage(s, undefined)).toBe(s);
  });
});
