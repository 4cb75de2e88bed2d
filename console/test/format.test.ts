import { describe, expect, it } from 'vitest';
import {
  addDays, change, dateTime, maskAddress, maskName, maskPhone, percent, quickRange, signedPercent, todayIn, yuan, zonedMidnight,
} from '../src/lib/format';
import { emptyFilters, toOrderFilter, FilterError } from '../src/lib/filters';
import { topSeries, type TrendSeries } from '../src/lib/metrics';

describe('formatters', () => {
  it('money is fen shown as yuan', () => {
    expect(yuan(12990)).toBe('¥129.90');
    expect(yuan(123456789)).toBe('¥1,234,567.89');
    expect(yuan(-5)).toBe('-¥0.05');
    expect(yuan(null)).toBe('—');
  });

  it('ratios and changes; null stays null (no base is not zero)', () => {
    expect(percent(0.8421)).toBe('84.2%');
    expect(percent(null)).toBe('—');
    expect(change(120, 100)).toBeCloseTo(0.2);
    expect(change(0, 0)).toBe(0);
    expect(change(5, 0)).toBeNull();
    expect(change(null, 3)).toBeNull();
    expect(signedPercent(0.2)).toBe('+20.0%');
    expect(signedPercent(-0.05)).toBe('-5.0%');
    expect(signedPercent(null)).toBe('—');
  });

  it('dates in the shop timezone', () => {
    expect(dateTime('2026-11-26T16:30:00Z', 'Asia/Shanghai')).toBe('2026-11-27 00:30');
    expect(todayIn('Asia/Shanghai', new Date('2026-11-26T16:30:00Z'))).toBe('2026-11-27');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(quickRange('today', '2026-11-27')).toEqual({ from: '2026-11-27', to: '2026-11-27' });
    expect(quickRange('7d', '2026-11-27')).toEqual({ from: '2026-11-21', to: '2026-11-27' });
    expect(quickRange('30d', '2026-11-27')).toEqual({ from: '2026-10-29', to: '2026-11-27' });
    expect(zonedMidnight('2026-11-27', 'Asia/Shanghai')).toBe('2026-11-26T16:00:00Z');
    expect(zonedMidnight('2026-11-27', 'UTC')).toBe('2026-11-27T00:00:00Z');
  });

  it('masks like the server (app/kit/masking.py)', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张')).toBe('张*');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskAddress('浙江省杭州市西湖区文三路1号')).toBe('浙江省杭州市****');
    expect(maskAddress('短地址')).toBe('****');
  });
});

describe('order filter mapping', () => {
  it('maps REST codes to GraphQL enums and local days to half-open instants', () => {
    const f = toOrderFilter({ ...emptyFilters(), status: 'paid', payMethod: 'alipay', createdFrom: '2026-11-20', createdTo: '2026-11-26', minPaid: '129.9', flagged: 'false' }, 'Asia/Shanghai');
    expect(f).toEqual({
      status: ['PAID'],
      payMethod: ['ALIPAY'],
      flagged: false,
      minPaid: 12990,
      createdFrom: '2026-11-19T16:00:00Z',
      createdTo: '2026-11-26T16:00:00Z',
    });
    expect(toOrderFilter(emptyFilters(), 'UTC')).toEqual({});
  });

  it('rejects bad numbers and reversed ranges naming the field', () => {
    expect(() => toOrderFilter({ ...emptyFilters(), productId: '1x' }, 'UTC')).toThrow(FilterError);
    expect(() => toOrderFilter({ ...emptyFilters(), maxPaid: '1.234' }, 'UTC')).toThrow(FilterError);
    try {
      toOrderFilter({ ...emptyFilters(), createdFrom: '2026-11-20', createdTo: '2026-11-19' }, 'UTC');
    } catch (e) {
      expect((e as FilterError).field).toBe('createdTo');
    }
  });
});

describe('dashboard shaping', () => {
  const s = (key: string, gmv: number[], commission = 0): TrendSeries => ({
    key,
    points: gmv.map((g, i) => ({ date: `2026-11-0${i + 1}`, gmv: g, paid_orders: 1, commission })),
  });

  it('keeps the largest series and sums the rest into "other"', () => {
    const out = topSeries([s('a', [1, 1]), s('b', [5, 5]), s('c', [2, 3]), s('d', [0, 1])], 'gmv', 2);
    expect(out.map((x) => x.key)).toEqual(['b', 'c', '__other__']);
    expect(out[2].points.map((p) => p.gmv)).toEqual([1, 2]);
  });

});

describe('GraphQL trend adapter', () => {
  it('maps camelCase points to the REST keys and drops metrics not asked for', async () => {
    const { fromGraphqlSeries } = await import('../src/lib/metrics');
    expect(
      fromGraphqlSeries([{ key: '1', nickname: '小美', points: [{ date: '2026-11-01', gmv: 100, paidOrders: null, commission: 25 }] }]),
    ).toEqual([{ key: '1', nickname: '小美', points: [{ date: '2026-11-01', gmv: 100, commission: 25 }] }]);
  });
});
