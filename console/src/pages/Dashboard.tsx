import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { gqlError } from '../lib/api';
import { addDays, change, hours, percent, signedPercent, todayIn, yuan } from '../lib/format';
import { ranked, topSeries, pointValue, type MetricValues, type NumericMetric, type TrendSeries } from '../lib/metrics';
import { useRest } from '../lib/useRest';
import { Chart } from '../components/Chart';
import { Busy, Empty, ErrorBox, codeLabel } from '../components/ui';

const SUMMARY = `
  query Kpi($shop: Int!, $from: Date!, $to: Date!) {
    shop(id: $shop) {
      id
      metrics(from: $from, to: $to) {
        from to timezone
        metrics { orders paidOrders gmv paymentConversion aov shipToSignHours { avg p50 p90 } returnRate disputeRate }
        previous { from to metrics { orders paidOrders gmv paymentConversion aov shipToSignHours { avg p50 p90 } returnRate disputeRate } }
      }
    }
  }
`;

interface GqlMetrics {
  orders: number;
  paidOrders: number;
  gmv: number;
  paymentConversion: number | null;
  aov: number | null;
  shipToSignHours: { avg: number | null; p50: number | null; p90: number | null };
  returnRate: number | null;
  disputeRate: number | null;
}

type Kind = 'money' | 'count' | 'ratio' | 'hours';
const KPIS: { metric: string; label: string; kind: Kind; get: (m: GqlMetrics) => number | null; lowerIsBetter?: boolean }[] = [
  { metric: 'gmv', label: 'Paid amount', kind: 'money', get: (m) => m.gmv },
  { metric: 'paid_orders', label: 'Paid orders', kind: 'count', get: (m) => m.paidOrders },
  { metric: 'orders', label: 'Orders', kind: 'count', get: (m) => m.orders },
  { metric: 'payment_conversion', label: 'Payment conversion', kind: 'ratio', get: (m) => m.paymentConversion },
  { metric: 'aov', label: 'Average order value', kind: 'money', get: (m) => m.aov },
  { metric: 'ship_to_sign_hours', label: 'Ship → sign (avg)', kind: 'hours', get: (m) => m.shipToSignHours.avg, lowerIsBetter: true },
  { metric: 'return_rate', label: 'Return rate', kind: 'ratio', get: (m) => m.returnRate, lowerIsBetter: true },
  { metric: 'dispute_rate', label: 'Dispute rate', kind: 'ratio', get: (m) => m.disputeRate, lowerIsBetter: true },
];

const show = (kind: Kind, v: number | null) =>
  kind === 'money' ? yuan(v) : kind === 'ratio' ? percent(v) : kind === 'hours' ? hours(v) : v === null ? '—' : v.toLocaleString();

const GROUPS = ['', 'traffic_source', 'author', 'province', 'pay_method'];
const TREND_METRICS: NumericMetric[] = ['gmv', 'orders', 'paid_orders', 'aov', 'payment_conversion'];
const METRIC_LABELS: Partial<Record<NumericMetric, string>> = {
  gmv: 'Paid amount', orders: 'Orders', paid_orders: 'Paid orders', aov: 'Average order value', payment_conversion: 'Payment conversion',
};
const metricLabel = (m: NumericMetric) => METRIC_LABELS[m] ?? codeLabel(m);

export function DashboardPage() {
  const { t } = useI18n();
  const { shop } = useSession();
  const today = todayIn(shop.timezone);
  const [days, setDays] = useState(30);
  const [groupBy, setGroupBy] = useState('');
  const [metric, setMetric] = useState<NumericMetric>('gmv');
  const [reportDate, setReportDate] = useState(addDays(today, -1));
  const from = addDays(today, -(days - 1));
  const base = `/v1/shops/${shop.id}/metrics`;

  const [kpi] = useQuery<{ shop: { metrics: { metrics: GqlMetrics; previous: { metrics: GqlMetrics } } } | null }>({
    query: SUMMARY,
    variables: { shop: shop.id, from: today, to: today },
  });
  const trend = useRest<{ series: TrendSeries[] }>(`${base}/trend?from=${from}&to=${today}${groupBy ? `&group_by=${groupBy}` : ''}`);
  const regions = useRest<{ series: TrendSeries[] }>(`${base}/trend?from=${from}&to=${today}&group_by=province&metric=orders&metric=paid_orders&metric=gmv`);
  const authors = useRest<{ series: TrendSeries[] }>(`${base}/trend?from=${from}&to=${today}&group_by=author&metric=gmv&metric=paid_orders`);
  const report = useRest<DailyReport>(`${base}/daily-report?date=${reportDate}`);
  const funnel = useRest<Funnel>(`${base}/funnel?from=${from}&to=${today}`);

  const trendOption = useMemo(() => {
    const series = trend.data?.series ?? [];
    const additive = metric === 'gmv' || metric === 'orders' || metric === 'paid_orders';
    const shown = groupBy && additive ? topSeries(series, metric, 6) : series.slice(0, 6);
    const money = metric === 'gmv' || metric === 'aov';
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 56, right: 16, top: 16, bottom: 48 },
      xAxis: { type: 'category', data: (series[0]?.points ?? []).map((p) => p.date.slice(5)) },
      yAxis: { type: 'value' },
      series: shown.map((s) => ({
        type: 'line',
        showSymbol: false,
        name: s.key === '__other__' ? t('Other') : s.nickname ?? (s.key === null ? (groupBy ? t('None') : t(metricLabel(metric))) : t(codeLabel(String(s.key)))),
        data: s.points.map((p) => {
          const v = pointValue(p, metric);
          return v === null ? null : money ? v / 100 : metric === 'payment_conversion' ? v * 100 : v;
        }),
      })),
    };
  }, [trend.data, metric, groupBy, t]);

  const provinceRows = useMemo(() => ranked(regions.data?.series ?? [], 'orders').filter((r) => r.value > 0).slice(0, 15), [regions.data]);
  const regionOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 72, right: 16, top: 8, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: provinceRows.map((r) => r.name || t('Unknown')) },
    series: [{ type: 'bar', name: t('Orders'), data: provinceRows.map((r) => r.value) }],
  }), [provinceRows, t]);
  const authorRows = useMemo(() => ranked((authors.data?.series ?? []).filter((s) => s.key !== null), 'gmv').filter((r) => r.value > 0).slice(0, 10), [authors.data]);

  const m = kpi.data?.shop?.metrics;
  return (
    <>
      <h1>{t('Dashboard')}</h1>
      <Busy busy={kpi.fetching} label={t('Today')} className="kpis-wrap">
        <h2>{t('Today vs yesterday')}</h2>
        <ErrorBox error={gqlError(kpi.error)} />
        <div className="kpis">
          {KPIS.map((k) => {
            const cur = m ? k.get(m.metrics) : null;
            const prev = m ? k.get(m.previous.metrics) : null;
            const delta = change(cur, prev);
            const good = delta === null || delta === 0 ? '' : (delta > 0) !== Boolean(k.lowerIsBetter) ? 'up' : 'down';
            return (
              <div key={k.metric} className="kpi" data-testid="kpi-card" data-metric={k.metric}>
                <div className="kpi-label">{t(k.label)}</div>
                <div className="kpi-value">{m ? show(k.kind, cur) : '…'}</div>
                <div className={`kpi-delta ${good}`}>
                  {t('Yesterday')} {m ? show(k.kind, prev) : '…'} · {k.kind === 'ratio' ? points(cur, prev) : signedPercent(delta)}
                </div>
              </div>
            );
          })}
        </div>
      </Busy>

      <div className="filters compact">
        <div className="field">
          <label htmlFor="d-range">{t('Range')}</label>
          <select id="d-range" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            <option value={7}>{t('7 days')}</option>
            <option value={30}>{t('30 days')}</option>
            <option value={90}>{t('90 days')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="d-metric">{t('Metric')}</label>
          <select id="d-metric" value={metric} onChange={(e) => setMetric(e.target.value as NumericMetric)}>
            {TREND_METRICS.map((x) => <option key={x} value={x}>{t(metricLabel(x))}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="d-group">{t('Group by')}</label>
          <select id="d-group" value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>
            {GROUPS.map((g) => <option key={g} value={g}>{g ? t(codeLabel(g)) : t('None')}</option>)}
          </select>
        </div>
      </div>

      <div className="grid2">
        <Busy busy={trend.loading} label={t('Trend')} className="card">
          <h2>{t('Trend')}</h2>
          <ErrorBox error={trend.error} />
          <Chart testId="trend-chart" label={t('Trend')} option={trendOption} />
        </Busy>
        <Busy busy={regions.loading} label={t('Orders by province')} className="card">
          <h2>{t('Orders by province')}</h2>
          <ErrorBox error={regions.error} />
          {!regions.loading && !regions.error && provinceRows.length === 0 && <Empty>{t('No orders in this range.')}</Empty>}
          <Chart testId="region-chart" label={t('Orders by province')} option={regionOption} />
        </Busy>
        <Busy busy={authors.loading} label={t('Top authors')} className="card">
          <h2>{t('Top authors')}</h2>
          <ErrorBox error={authors.error} />
          {!authors.loading && !authors.error && authorRows.length === 0 ? <Empty>{t('No author orders in this range.')}</Empty> : (
            <table data-testid="authors-table">
              <thead><tr><th scope="col">{t('Author')}</th><th scope="col" className="num">{t('Paid orders')}</th><th scope="col" className="num">{t('Paid amount')}</th><th scope="col" className="num">{t('Commission')}</th></tr></thead>
              <tbody>
                {authorRows.map((r) => (
                  <tr key={r.key}><td>{r.name}</td><td className="num">{r.paid}</td><td className="num">{yuan(r.value)}</td><td className="num">{yuan(r.commission)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </Busy>
        <Busy busy={funnel.loading} label={t('Funnel')} className="card">
          <h2>{t('Funnel')}</h2>
          <ErrorBox error={funnel.error} />
          {funnel.data && (
            <>
              <ol className="funnel">
                {Object.entries(funnel.data.stages).map(([stage, n]) => (
                  <li key={stage}><span>{t(codeLabel(stage))}</span><strong>{n}</strong><span className="bar" style={{ width: `${funnel.data!.stages.created ? (100 * n) / funnel.data!.stages.created : 0}%` }} /></li>
                ))}
              </ol>
              <p className="muted">{t('Unpaid')}: {funnel.data.unpaid.total} · {t('Closed unpaid')}: {funnel.data.unpaid.closed_unpaid} · {t('Paid after reminder')}: {funnel.data.unpaid.paid_after_reminder}</p>
            </>
          )}
        </Busy>
      </div>

      <Busy busy={report.loading} label={t('Daily report')} className="card">
        <h2>{t('Daily report')}</h2>
        <div className="field inline">
          <label htmlFor="d-date">{t('Date')}</label>
          <input id="d-date" type="date" value={reportDate} max={today} onChange={(e) => e.target.value && setReportDate(e.target.value)} />
        </div>
        <ErrorBox error={report.error} />
        {report.data && <DailyReportTable r={report.data} />}
      </Busy>
    </>
  );
}

interface DailyReport {
  date: string;
  metrics: MetricValues;
  previous_day: { date: string; metrics: MetricValues };
  same_weekday_last_week: { date: string; metrics: MetricValues };
  change_vs_previous_day: Partial<Record<keyof MetricValues, number | null | { avg: number | null }>>;
}
interface Funnel {
  stages: Record<string, number>;
  unpaid: { total: number; pending_payment: number; pending_over_24h: number; closed_unpaid: number; reminded_unpaid: number; paid_after_reminder: number };
}

const REPORT_ROWS: { key: keyof MetricValues; label: string; kind: Kind }[] = [
  { key: 'orders', label: 'Orders', kind: 'count' },
  { key: 'paid_orders', label: 'Paid orders', kind: 'count' },
  { key: 'gmv', label: 'Paid amount', kind: 'money' },
  { key: 'payment_conversion', label: 'Payment conversion', kind: 'ratio' },
  { key: 'aov', label: 'Average order value', kind: 'money' },
  { key: 'ship_to_sign_hours', label: 'Ship → sign (avg)', kind: 'hours' },
  { key: 'return_rate', label: 'Return rate', kind: 'ratio' },
  { key: 'dispute_rate', label: 'Dispute rate', kind: 'ratio' },
];

/** Rates change in percentage points (a relative change of a rate reads wrong: 0.2% -> 0% is not -100%). */
function points(cur: number | null, prev: number | null): string {
  if (cur === null || prev === null) return '—';
  const d = (cur - prev) * 100;
  return `${d > 0 ? '+' : ''}${d.toFixed(1)} pp`;
}

function valueOf(m: MetricValues, key: keyof MetricValues): number | null {
  const v = m[key];
  return typeof v === 'object' && v !== null ? v.avg : (v as number | null);
}

function DailyReportTable({ r }: { r: DailyReport }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table data-testid="daily-report">
        <thead>
          <tr>
            <th scope="col">{t('Metric')}</th>
            <th scope="col" className="num">{r.date}</th>
            <th scope="col" className="num">{t('Previous day')} ({r.previous_day.date})</th>
            <th scope="col" className="num">{t('Change')}</th>
            <th scope="col" className="num">{t('Same weekday last week')} ({r.same_weekday_last_week.date})</th>
          </tr>
        </thead>
        <tbody>
          {REPORT_ROWS.map((row) => {
            const cur = valueOf(r.metrics, row.key);
            const prev = valueOf(r.previous_day.metrics, row.key);
            return (
              <tr key={row.key}>
                <th scope="row">{t(row.label)}</th>
                <td className="num">{show(row.kind, cur)}</td>
                <td className="num">{show(row.kind, prev)}</td>
                <td className="num">{row.kind === 'ratio' ? points(cur, prev) : signedPercent(change(cur, prev))}</td>
                <td className="num">{show(row.kind, valueOf(r.same_weekday_last_week.metrics, row.key))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
