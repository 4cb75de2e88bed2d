// Dashboard data shaping (pure): trend series -> chart series, grouped sums, KPI deltas.

export interface ShipToSign { avg: number | null; p50: number | null; p90: number | null }
export interface MetricValues {
  orders: number;
  paid_orders: number;
  gmv: number;
  payment_conversion: number | null;
  aov: number | null;
  ship_to_sign_hours: ShipToSign;
  return_rate: number | null;
  complaint_rate: number | null;
}
export interface TrendPoint extends Partial<MetricValues> {
  date: string;
  commission?: number;
}
export interface TrendSeries {
  key: string | number | null;
  nickname?: string | null;
  points: TrendPoint[];
}

export type NumericMetric = 'orders' | 'paid_orders' | 'gmv' | 'aov' | 'payment_conversion' | 'return_rate' | 'complaint_rate' | 'commission';

export function pointValue(p: TrendPoint, metric: NumericMetric): number | null {
  const v = p[metric];
  return typeof v === 'number' ? v : null;
}

/** Sum of an additive metric over a series' points. */
export function total(series: TrendSeries, metric: 'orders' | 'paid_orders' | 'gmv' | 'commission'): number {
  return series.points.reduce((acc, p) => acc + (pointValue(p, metric) ?? 0), 0);
}

/** The `limit` largest series by an additive metric, the rest summed into one "other" series. */
export function topSeries(series: TrendSeries[], metric: 'orders' | 'paid_orders' | 'gmv', limit: number): TrendSeries[] {
  const sorted = [...series].sort((a, b) => total(b, metric) - total(a, metric));
  if (sorted.length <= limit) return sorted;
  const rest = sorted.slice(limit);
  const other: TrendSeries = {
    key: '__other__',
    points: rest[0].points.map((p, i) => ({
      date: p.date,
      [metric]: rest.reduce((acc, s) => acc + (pointValue(s.points[i] ?? p, metric) ?? 0), 0),
    })),
  };
  return [...sorted.slice(0, limit), other];
}

/** GraphQL trend points (camelCase) in the REST shape the shaping functions use. */
export interface GqlTrendSeries {
  key: string | null;
  nickname?: string | null;
  points: { date: string; orders?: number | null; paidOrders?: number | null; gmv?: number | null; aov?: number | null; paymentConversion?: number | null; commission?: number | null }[];
}

export function fromGraphqlSeries(series: GqlTrendSeries[]): TrendSeries[] {
  const num = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v);
  return series.map((s) => ({
    key: s.key,
    nickname: s.nickname ?? null,
    points: s.points.map((p) => {
      const point: TrendPoint = { date: p.date };
      const set = <K extends keyof TrendPoint>(k: K, v: TrendPoint[K] | undefined) => {
        if (v !== undefined) point[k] = v;
      };
      set('orders', num(p.orders));
      set('paid_orders', num(p.paidOrders));
      set('gmv', num(p.gmv));
      set('aov', num(p.aov));
      set('payment_conversion', num(p.paymentConversion));
      set('commission', num(p.commission));
      return point;
    }),
  }));
}
