import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { gqlError, restBlob } from '../lib/api';
import { saveBlob } from './Disputes';
import { addDays, change, hours, percent, signedPercent, todayIn, yuan } from '../lib/format';
import { fromGraphqlSeries, topSeries, pointValue, type GqlTrendSeries, type NumericMetric } from '../lib/metrics';
import { Chart } from '../components/Chart';
import { Busy, Empty, ErrorBox, codeLabel } from '../components/ui';

const SUMMARY = `
  query Kpi($shop: Int!, $from: Date!, $to: Date!) {
    shop(id: $shop) {
      id
      metrics(from: $from, to: $to) {
        from to timezone
        metrics { orders paidOrders gmv paymentConversion aov shipToSignHours { avg p50 p90 } returnRate complaintRate }
        previous { from to metrics { orders paidOrders gmv paymentConversion aov shipToSignHours { avg p50 p90 } returnRate complaintRate } }
      }
    }
  }
`;

const RANGE = `
  query Range($shop: Int!, $from: Date!, $to: Date!, $metric: [String!], $groupBy: MetricsGroupBy) {
    shop(id: $shop) {
      id
      metrics(from: $from, to: $to) {
        from to
        trend(metric: $metric, groupBy: $groupBy) {
          series { key nickname points { date orders paidOrders gmv aov paymentConversion commission } }
        }
        regions { province orders paidOrders gmv }
        authors { authorId nickname paidOrders gmv commission }
        buyersTop(by: GMV, limit: 10) { buyerId nickname paidOrders gmv aov }
        funnel {
          stages { created paid shipped signed completed }
          unpaid { total closedUnpaid pendingOver24h paidAfterReminder closeReasons { reason count } }
        }
      }
    }
  }
`;

const METRIC_FIELDS = 'orders paidOrders gmv paymentConversion aov shipToSignHours { avg p50 p90 } returnRate complaintRate';
const DAILY = `
  query Daily($shop: Int!, $date: Date!) {
    shop(id: $shop) {
      id
      metrics(from: $date, to: $date) {
        dailyReport {
          date
          metrics { ${METRIC_FIELDS} }
          previousDay { date metrics { ${METRIC_FIELDS} } }
          sameWeekdayLastWeek { date metrics { ${METRIC_FIELDS} } }
        }
      }
    }
  }
`;

interface RangeData {
  shop: {
    metrics: {
      trend: { series: GqlTrendSeries[] };
      regions: { province: string; orders: number; paidOrders: number; gmv: number }[];
      authors: { authorId: number; nickname: string | null; paidOrders: number; gmv: number; commission: number }[];
      buyersTop: { buyerId: string; nickname: string | null; paidOrders: number; gmv: number; aov: number | null }[];
      funnel: {
        stages: Record<string, number>;
        unpaid: { total: number; closedUnpaid: number; pendingOver24h: number; paidAfterReminder: number; closeReasons: { reason: string; count: number }[] };
      };
    };
  } | null;
}

interface GqlMetrics {
  orders: number;
  paidOrders: number;
  gmv: number;
  paymentConversion: number | null;
  aov: number | null;
  shipToSignHours: { avg: number | null; p50: number | null; p90: number | null };
  returnRate: number | null;
  complaintRate: number | null;
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
  { metric: 'complaint_rate', label: 'Complaint rate', kind: 'ratio', get: (m) => m.complaintRate, lowerIsBetter: true },
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

  const [kpi] = useQuery<{ shop: { metrics: { metrics: GqlMetrics; previous: { metrics: GqlMetrics } } } | null }>({
    query: SUMMARY,
    variables: { shop: shop.id, from: today, to: today },
  });
  const [range] = useQuery<RangeData>({
    query: RANGE,
    variables: { shop: shop.id, from, to: today, metric: [metric], groupBy: groupBy ? groupBy.toUpperCase() : null },
  });
  const [report] = useQuery<{ shop: { metrics: { dailyReport: DailyReport } } | null }>({
    query: DAILY,
    variables: { shop: shop.id, date: reportDate },
  });
  const data = range.data?.shop?.metrics;
  const rangeError = gqlError(range.error);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  // The range's figures as CSV files (REST summary.csv / trend.csv of the same parameters).
  const download = async (file: 'summary' | 'trend') => {
    setDownloadError(null);
    const query = new URLSearchParams({ from, to: today });
    if (file === 'trend' && groupBy) query.set('group_by', groupBy);
    try {
      const blob = await restBlob(`/v1/shops/${shop.id}/metrics/${file}.csv?${query.toString()}`);
      saveBlob(blob, `${file}-${shop.id}-${from}-${today}.csv`);
    } catch (e) {
      setDownloadError((e as Error).message);
    }
  };

  const trendOption = useMemo(() => {
    const series = fromGraphqlSeries(data?.trend.series ?? []);
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
  }, [data, metric, groupBy, t]);

  const provinceRows = useMemo(
    () => [...(data?.regions ?? [])].filter((r) => r.orders > 0).sort((a, b) => b.orders - a.orders).slice(0, 15),
    [data],
  );
  const regionOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 72, right: 16, top: 8, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: provinceRows.map((r) => r.province || t('Unknown')) },
    series: [{ type: 'bar', name: t('Orders'), data: provinceRows.map((r) => r.orders) }],
  }), [provinceRows, t]);
  const authorRows = (data?.authors ?? []).filter((a) => a.gmv > 0).slice(0, 10);
  const buyers = data?.buyersTop ?? [];
  const funnel = data?.funnel;

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
        <button type="button" data-testid="download-summary" onClick={() => void download('summary')}>{t('Download summary (CSV)')}</button>
        <button type="button" data-testid="download-trend" onClick={() => void download('trend')}>{t('Download trend (CSV)')}</button>
      </div>
      <ErrorBox error={rangeError ?? downloadError} />

      <div className="grid2">
        <Busy busy={range.fetching} label={t('Trend')} className="card">
          <h2>{t('Trend')}</h2>
          <Chart testId="trend-chart" label={t('Trend')} option={trendOption} />
        </Busy>
        <Busy busy={range.fetching} label={t('Orders by province')} className="card">
          <h2>{t('Orders by province')}</h2>
          {data && provinceRows.length === 0 && <Empty>{t('No orders in this range.')}</Empty>}
          <Chart testId="region-chart" label={t('Orders by province')} option={regionOption} />
        </Busy>
        <Busy busy={range.fetching} label={t('Top authors')} className="card">
          <h2>{t('Top authors')}</h2>
          {data && authorRows.length === 0 ? <Empty>{t('No author orders in this range.')}</Empty> : (
            <div className="table-wrap">
              <table data-testid="authors-table">
                <thead><tr><th scope="col">{t('Author')}</th><th scope="col" className="num">{t('Paid orders')}</th><th scope="col" className="num">{t('Paid amount')}</th><th scope="col" className="num">{t('Commission')}</th></tr></thead>
                <tbody>
                  {authorRows.map((r) => (
                    <tr key={r.authorId}><td>{r.nickname ?? `#${r.authorId}`}</td><td className="num">{r.paidOrders}</td><td className="num">{yuan(r.gmv)}</td><td className="num">{yuan(r.commission)}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Busy>
        <Busy busy={range.fetching} label={t('Funnel')} className="card">
          <h2>{t('Funnel')}</h2>
          {funnel && (
            <>
              <ol className="funnel">
                {(['created', 'paid', 'shipped', 'signed', 'completed'] as const).map((stage) => {
                  const n = funnel.stages[stage] ?? 0;
                  return (
                    <li key={stage}><span>{t(stage === 'created' ? 'Ordered' : codeLabel(stage))}</span><strong>{n}</strong><span className="bar" style={{ width: `${funnel.stages.created ? (100 * n) / funnel.stages.created : 0}%` }} /></li>
                  );
                })}
              </ol>
              <p className="muted">
                {t('Unpaid')}: {funnel.unpaid.total} · {t('Closed unpaid')}: {funnel.unpaid.closedUnpaid} · {t('Unpaid over 24 h')}: {funnel.unpaid.pendingOver24h} · {t('Paid after reminder')}: {funnel.unpaid.paidAfterReminder}
              </p>
              {funnel.unpaid.closeReasons.length > 0 && (
                <p className="muted small-text">
                  {t('Close reasons')}: {funnel.unpaid.closeReasons.map((c) => `${c.reason} ${c.count}`).join(' · ')}
                </p>
              )}
            </>
          )}
        </Busy>
        <Busy busy={range.fetching} label={t('Top buyers')} className="card">
          <h2>{t('Top buyers')}</h2>
          {data && buyers.length === 0 ? <Empty>{t('No paid orders in this range.')}</Empty> : (
            <div className="table-wrap">
              <table data-testid="buyers-table">
                <thead><tr><th scope="col">{t('Buyer')}</th><th scope="col" className="num">{t('Paid orders')}</th><th scope="col" className="num">{t('Paid amount')}</th><th scope="col" className="num">{t('Average order value')}</th></tr></thead>
                <tbody>
                  {buyers.map((b) => (
                    <tr key={b.buyerId}><td>{b.nickname ?? b.buyerId}</td><td className="num">{b.paidOrders}</td><td className="num">{yuan(b.gmv)}</td><td className="num">{yuan(b.aov)}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Busy>
      </div>

      <Busy busy={report.fetching} label={t('Daily report')} className="card">
        <h2>{t('Daily report')}</h2>
        <div className="field inline">
          <label htmlFor="d-date">{t('Date')}</label>
          <input id="d-date" type="date" value={reportDate} max={today} onChange={(e) => e.target.value && setReportDate(e.target.value)} />
        </div>
        <ErrorBox error={gqlError(report.error)} />
        {report.data?.shop && <DailyReportTable r={report.data.shop.metrics.dailyReport} />}
      </Busy>
    </>
  );
}

interface DailyReport {
  date: string;
  metrics: GqlMetrics;
  previousDay: { date: string; metrics: GqlMetrics };
  sameWeekdayLastWeek: { date: string; metrics: GqlMetrics };
}

/** Rates change in percentage points (a relative change of a rate reads wrong: 0.2% -> 0% is not -100%). */
function points(cur: number | null, prev: number | null): string {
  if (cur === null || prev === null) return '—';
  const d = (cur - prev) * 100;
  return `${d > 0 ? '+' : ''}${d.toFixed(1)} pp`;
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
            <th scope="col" className="num">{t('Previous day')} ({r.previousDay.date})</th>
            <th scope="col" className="num">{t('Change')}</th>
            <th scope="col" className="num">{t('Same weekday last week')} ({r.sameWeekdayLastWeek.date})</th>
          </tr>
        </thead>
        <tbody>
          {KPIS.map((k) => {
            const cur = k.get(r.metrics);
            const prev = k.get(r.previousDay.metrics);
            return (
              <tr key={k.metric}>
                <th scope="row">{t(k.label)}</th>
                <td className="num">{show(k.kind, cur)}</td>
                <td className="num">{show(k.kind, prev)}</td>
                <td className="num">{k.kind === 'ratio' ? points(cur, prev) : signedPercent(change(cur, prev))}</td>
                <td className="num">{show(k.kind, k.get(r.sameWeekdayLastWeek.metrics))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
