import { describe, expect, it } from 'vitest';
import { parseShipments, prefillShipments } from '../src/lib/csv';

describe('batch-ship paste parser', () => {
  it('reads comma, tab and Chinese-comma lines, skipping a header and blanks', () => {
    const r = parseShipments('order_no,carrier,tracking_no\n2611001,SF,SF123\n\n2611002\tYTO\tYT9\r\n2611003，ZTO，ZT7\n');
    expect(r.errors).toEqual([]);
    expect(r.entries).toEqual([
      { line: 2, orderNo: '2611001', carrier: 'SF', trackingNo: 'SF123' },
      { line: 4, orderNo: '2611002', carrier: 'YTO', trackingNo: 'YT9' },
      { line: 5, orderNo: '2611003', carrier: 'ZTO', trackingNo: 'ZT7' },
    ]);
  });

  it('handles quotes and surrounding spaces', () => {
    const r = parseShipments(' "2611001" , "S,F" , "A""1" ');
    expect(r.entries).toEqual([{ line: 1, orderNo: '2611001', carrier: 'S,F', trackingNo: 'A"1' }]);
  });

  it('reports incomplete and duplicate lines with their line numbers', () => {
    const r = parseShipments('2611001,SF,1\n2611002,SF\n2611001,YTO,2\n,SF,3');
    expect(r.entries.map((e) => e.orderNo)).toEqual(['2611001']);
    expect(r.errors).toEqual([
      { line: 2, orderNo: '2611002', error: 'missing_fields' },
      { line: 3, orderNo: '2611001', error: 'duplicate_order' },
      { line: 4, orderNo: '', error: 'missing_fields' },
    ]);
  });

  it('a header is only skipped on the first line', () => {
    const r = parseShipments('2611001,SF,1\norder_no,carrier,tracking_no');
    expect(r.entries).toHaveLength(2);
  });

  it('prefills one line per selected order', () => {
    expect(prefillShipments(['1', '2'])).toBe('1,\n2,');
    expect(parseShipments(prefillShipments(['1'])).errors).toEqual([{ line: 1, orderNo: '1', error: 'missing_fields' }]);
  });
});
