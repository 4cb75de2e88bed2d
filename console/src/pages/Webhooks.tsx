import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { rest } from '../lib/api';
import { dateTime } from '../lib/format';
import { currentAfter, firstPage, hasPrevious, nextPage, pageNumber, previousPage } from '../lib/paging';
import type { WebhookDeliveryPage, WebhookEndpoint, WebhookEndpointPage, WebhookEndpointWithSecret, WebhookStats } from '../lib/schemas';
import { useRest } from '../lib/useRest';
import { Busy, Empty, ErrorBox, StatusBadge } from '../components/ui';

type Endpoint = WebhookEndpoint;
type Stats = WebhookStats;

export function WebhooksPage() {
  const { t } = useI18n();
  const { shop } = useSession();
  const list = useRest<WebhookEndpointPage>('/v1/webhook-endpoints');
  const [chosen, setChosen] = useState<number | null>(null);
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState('*');
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const endpoints = list.data?.data ?? [];
  const current = endpoints.find((e) => e.id === chosen) ?? endpoints[0];

  const call = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      list.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    void call(async () => {
      const created = await rest<WebhookEndpointWithSecret>('/v1/webhook-endpoints', {
        method: 'POST',
        json: { url, shop_ids: [shop.id], event_types: types.split(/[\s,]+/).filter(Boolean), description: description || null },
      });
      setSecret(created.secret);
      setChosen(created.id);
      setUrl('');
      setDescription('');
    });
  };

  return (
    <>
      <h1>{t('Webhooks')}</h1>
      <form className="card" onSubmit={create} aria-label={t('New endpoint')}>
        <h2>{t('New endpoint')}</h2>
        <div className="filters compact">
          <div className="field grow">
            <label htmlFor="w-url">{t('URL')}</label>
            <input id="w-url" type="url" required placeholder="https://example.com/hooks/ordergate" value={url} onChange={(e) => setUrl(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="w-types">{t('Event types')}</label>
            <input id="w-types" value={types} onChange={(e) => setTypes(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="w-desc">{t('Description')}</label>
            <input id="w-desc" value={description} onChange={(e) => setDescription(e.target.value)} />
          </div>
          <button type="submit" className="primary">{t('Add endpoint')}</button>
        </div>
      </form>
      {secret && (
        <p role="status" className="ok secret">
          {t('Signing secret (shown only once)')}: <code>{secret}</code>{' '}
          <button type="button" className="small" onClick={() => setSecret(null)}>{t('Dismiss')}</button>
        </p>
      )}
      <ErrorBox error={error ?? list.error} />
      <div className="split">
        <Busy busy={list.loading} label={t('Endpoints')}>
          <h2>{t('Endpoints')}</h2>
          {list.data && endpoints.length === 0 && <Empty>{t('No endpoints yet.')}</Empty>}
          <ul className="endpoints">
            {endpoints.map((ep) => (
              <li key={ep.id} data-testid="webhook-endpoint" data-endpoint-id={ep.id} className={current?.id === ep.id ? 'selected' : undefined}>
                <button type="button" className="link" aria-pressed={current?.id === ep.id} onClick={() => setChosen(ep.id)}>{ep.url}</button>
                <div className="muted small-text">
                  #{ep.id} · {ep.event_types.join(', ')} · {t('shops')} {ep.shop_ids.join(', ')} · {ep.enabled ? t('Enabled') : `${t('Disabled')}${ep.disabled_reason ? `: ${ep.disabled_reason}` : ''}`}
                  {ep.description ? ` · ${ep.description}` : ''}
                </div>
                <div className="row-actions">
                  <button type="button" className="small" onClick={() => void call(() => rest(`/v1/webhook-endpoints/${ep.id}/test`, { method: 'POST' }))}>{t('Send test')}</button>
                  <button type="button" className="small" onClick={() => void call(() => rest(`/v1/webhook-endpoints/${ep.id}`, { method: 'PATCH', json: { enabled: !ep.enabled } }))}>{ep.enabled ? t('Disable') : t('Enable')}</button>
                  <button type="button" className="small" onClick={() => void call(async () => setSecret((await rest<WebhookEndpointWithSecret>(`/v1/webhook-endpoints/${ep.id}/rotate-secret`, { method: 'POST' })).secret))}>{t('Rotate secret')}</button>
                  <button type="button" className="small danger" onClick={() => window.confirm(t('Delete this endpoint?')) && void call(() => rest(`/v1/webhook-endpoints/${ep.id}`, { method: 'DELETE' }))}>{t('Delete')}</button>
                </div>
              </li>
            ))}
          </ul>
        </Busy>
        {current && <Deliveries key={current.id} endpoint={current} />}
      </div>
    </>
  );
}

function Deliveries({ endpoint }: { endpoint: Endpoint }) {
  const { t } = useI18n();
  const { shop } = useSession();
  const [status, setStatus] = useState('');
  const [paging, setPaging] = useState(firstPage);
  const [since, setSince] = useState(() => new Date(Date.now() - 3600_000).toISOString().slice(0, 16));
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cursor = currentAfter(paging);
  const base = `/v1/webhook-endpoints/${endpoint.id}`;
  const q = new URLSearchParams({ limit: '25' });
  if (status) q.set('status', status);
  if (cursor) q.set('cursor', cursor);
  const log = useRest<WebhookDeliveryPage>(`${base}/deliveries?${q.toString()}`);
  const stats = useRest<Stats>(`${base}/stats`);
  const { reload } = log;
  const pending = log.data?.data.some((d) => d.status === 'pending');

  useEffect(() => {
    if (!pending) return;
    const h = window.setInterval(reload, 3000);
    return () => window.clearInterval(h);
  }, [pending, reload]);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setError(null);
    setNotice(null);
    try {
      const r = await fn();
      const queued = (r as { queued?: number } | undefined)?.queued;
      setNotice(queued !== undefined ? `${t(done)} (${queued})` : t(done));
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const replay = (e: FormEvent) => {
    e.preventDefault();
    void act(() => rest(`${base}/replay`, { method: 'POST', json: { since_time: new Date(since).toISOString() } }), 'Replay queued');
  };

  return (
    <section className="panel" aria-label={t('Delivery log')}>
      <h2>{t('Delivery log')}</h2>
      {stats.data && (
        <p className="muted">
          24 h: {stats.data.attempts} {t('attempts')} · {t('success')} {stats.data.success_rate != null ? `${(stats.data.success_rate * 100).toFixed(1)}%` : '—'} · p50 {stats.data.latency_ms.p50 ?? '—'} ms · p99 {stats.data.latency_ms.p99 ?? '—'} ms · {t('backlog')} {stats.data.backlog}
        </p>
      )}
      <form className="filters compact" onSubmit={replay}>
        <div className="field">
          <label htmlFor="d-status">{t('Status')}</label>
          <select id="d-status" value={status} onChange={(e) => { setStatus(e.target.value); setPaging(firstPage()); }}>
            <option value="">{t('Any')}</option>
            {['pending', 'delivered', 'failed', 'cancelled'].map((s) => <option key={s} value={s}>{t(s.charAt(0).toUpperCase() + s.slice(1))}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="r-since">{t('Replay since')}</label>
          <input id="r-since" type="datetime-local" required value={since} onChange={(e) => setSince(e.target.value)} />
        </div>
        <button type="submit">{t('Replay')}</button>
      </form>
      {notice && <p role="status" className="ok">{notice}</p>}
      <ErrorBox error={error ?? log.error} />
      <Busy busy={log.loading} label={t('Deliveries')}>
        <div className="table-wrap">
          <table data-testid="webhook-deliveries">
            <thead>
              <tr>
                <th scope="col">#</th><th scope="col">{t('Event')}</th><th scope="col">{t('Status')}</th><th scope="col">{t('Attempts')}</th>
                <th scope="col">{t('Last response')}</th><th scope="col">{t('Created')}</th><th scope="col">{t('Actions')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data?.data.map((d) => (
                <tr key={d.id} data-testid="webhook-delivery" data-status={d.status}>
                  <td title={d.webhook_id}>{d.id}</td>
                  <td>{d.event_type}</td>
                  <td><StatusBadge code={d.status} /></td>
                  <td>{d.attempts}</td>
                  <td className="small-text">{d.last_status_code ?? ''} {d.last_error ?? ''}</td>
                  <td>{dateTime(d.created_at, shop.timezone)}</td>
                  <td>
                    <button type="button" className="small" onClick={() => void act(() => rest(`${base}/deliveries/${d.id}/redeliver`, { method: 'POST' }), 'Redelivery queued')}>{t('Redeliver')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {log.data && log.data.data.length === 0 && <Empty>{t('No deliveries yet.')}</Empty>}
      </Busy>
      <nav className="pager" aria-label={t('Pages')}>
        <button type="button" disabled={!hasPrevious(paging)} onClick={() => setPaging(previousPage(paging))}>{t('Previous page')}</button>
        <span>{t('Page {n}', { n: pageNumber(paging) })}</span>
        <button type="button" disabled={!log.data?.has_more} onClick={() => setPaging(nextPage(paging, log.data?.next_cursor))}>{t('Next page')}</button>
      </nav>
    </section>
  );
}
