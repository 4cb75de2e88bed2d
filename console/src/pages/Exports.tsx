import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { rest, restBlob } from '../lib/api';
import { addDays, bytes, dateTime, todayIn } from '../lib/format';
import { ORDER_STATUSES } from '../lib/filters';
import type { ExportJob, ExportPage } from '../lib/schemas';
import { useRest } from '../lib/useRest';
import { Busy, Empty, ErrorBox, StatusBadge, codeLabel } from '../components/ui';
import { saveBlob } from './Disputes';

/** app/domain/exports/fields.py; the first four are always included. */
const ALWAYS = ['order_no', 'buyer_id', 'paid_amount', 'pay_method'];
const FIELDS = [
  'created_at', 'paid_at', 'status', 'pay_status', 'goods_amount', 'discount_amount', 'shipping_fee',
  'refunded_amount', 'buyer_nickname', 'receiver_name', 'receiver_phone', 'receiver_address', 'province',
  'city', 'traffic_source', 'room_id', 'video_id', 'author_id', 'author', 'commission_rate_bps',
  'commission_amount', 'items', 'tracking_no', 'carrier', 'shipped_at', 'signed_at', 'completed_at',
  'closed_at', 'close_reason', 'merchant_remark', 'buyer_note', 'flagged', 'flag_reason', 'after_sales',
];
const ITEM_FIELDS = ['item_title', 'item_sku', 'item_quantity', 'item_unit_price', 'item_amount'];
const DEFAULT_FIELDS = ['created_at', 'paid_at', 'status', 'items', 'tracking_no'];

type Job = ExportJob;

const ACTIVE = new Set(['queued', 'running']);

export function ExportsPage() {
  const { t } = useI18n();
  const { shop } = useSession();
  const today = todayIn(shop.timezone);
  const [format, setFormat] = useState('csv');
  const [from, setFrom] = useState(addDays(today, -6));
  const [to, setTo] = useState(today);
  const [granularity, setGranularity] = useState('order');
  const [locale, setLocale] = useState('zh');
  const [bom, setBom] = useState(true);
  const [status, setStatus] = useState('');
  const [fields, setFields] = useState<Set<string>>(new Set(DEFAULT_FIELDS));
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const jobs = useRest<ExportPage>(`/v1/shops/${shop.id}/exports?limit=20`);
  const active = jobs.data?.data.some((j) => ACTIVE.has(j.status));
  const { reload } = jobs;

  // Poll while a job is queued or running (progress), stop when all are finished.
  useEffect(() => {
    if (!active) return;
    const h = window.setInterval(reload, 1500);
    return () => window.clearInterval(h);
  }, [active, reload]);

  const toggle = (f: string) => {
    const next = new Set(fields);
    if (next.has(f)) next.delete(f);
    else next.add(f);
    setFields(next);
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setCreating(true);
    const all = granularity === 'item' ? [...FIELDS, ...ITEM_FIELDS] : FIELDS;
    try {
      await rest('/v1/shops/' + shop.id + '/exports', {
        method: 'POST',
        json: {
          format, created_from: from, created_to: to, granularity, locale,
          bom: format === 'csv' && bom,
          fields: all.filter((f) => fields.has(f)),
          filters: status ? { status: [status] } : {},
        },
      });
      reload();
    } catch (err) {
      setError((err as Error).message);
    }
    setCreating(false);
  };

  const download = async (job: Job) => {
    try {
      const blob = await restBlob(job.file_url ?? `/v1/shops/${shop.id}/exports/${job.id}/file`);
      saveBlob(blob, `orders-${shop.id}-${job.id}.${job.format}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const remove = async (job: Job) => {
    try {
      await rest(`/v1/shops/${shop.id}/exports/${job.id}`, { method: 'DELETE' });
      reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const shownFields = granularity === 'item' ? [...FIELDS, ...ITEM_FIELDS] : FIELDS;
  return (
    <>
      <h1>{t('Exports')}</h1>
      <form className="card" onSubmit={(e) => void create(e)} aria-label={t('New export')}>
        <h2>{t('New export')}</h2>
        <div className="filters compact">
          <div className="field">
            <label htmlFor="x-format">{t('Format')}</label>
            <select id="x-format" value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="csv">CSV</option>
              <option value="xlsx">Excel (xlsx)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="x-from">{t('Created from')}</label>
            <input id="x-from" type="date" required value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="x-to">{t('Created to')}</label>
            <input id="x-to" type="date" required value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="x-status">{t('Status')}</label>
            <select id="x-status" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t('Any')}</option>
              {ORDER_STATUSES.map((s) => <option key={s} value={s}>{t(codeLabel(s))}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="x-gran">{t('Rows')}</label>
            <select id="x-gran" value={granularity} onChange={(e) => setGranularity(e.target.value)}>
              <option value="order">{t('One per order')}</option>
              <option value="item">{t('One per item')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="x-locale">{t('Headers')}</label>
            <select id="x-locale" value={locale} onChange={(e) => setLocale(e.target.value)}>
              <option value="zh">中文</option>
              <option value="en">English</option>
            </select>
          </div>
          {format === 'csv' && (
            <label className="check"><input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} /> {t('BOM for Excel')}</label>
          )}
        </div>
        <fieldset className="fields">
          <legend>{t('Fields')}</legend>
          {ALWAYS.map((f) => (
            <label key={f} className="check"><input type="checkbox" checked disabled /> {f}</label>
          ))}
          {shownFields.map((f) => (
            <label key={f} className="check"><input type="checkbox" checked={fields.has(f)} onChange={() => toggle(f)} /> {f}</label>
          ))}
        </fieldset>
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={creating}>{t('Create export')}</button>
      </form>

      <Busy busy={jobs.loading && !jobs.data} label={t('Export jobs')}>
        <ErrorBox error={jobs.error} />
        {jobs.data && jobs.data.data.length === 0 && <Empty>{t('No exports yet.')}</Empty>}
        {jobs.data && jobs.data.data.length > 0 && (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th><th scope="col">{t('Status')}</th><th scope="col">{t('Range')}</th><th scope="col">{t('Format')}</th>
                  <th scope="col">{t('Progress')}</th><th scope="col">{t('Size')}</th><th scope="col">{t('Created')}</th><th scope="col">{t('Actions')}</th>
                </tr>
              </thead>
              <tbody>
                {jobs.data.data.map((j) => {
                  const pct = j.progress.total ? Math.round((100 * j.progress.rows) / j.progress.total) : j.status === 'succeeded' ? 100 : 0;
                  return (
                    <tr key={j.id} data-testid="export-row" data-status={j.status}>
                      <td>{j.id}</td>
                      <td><StatusBadge code={j.status} />{j.error ? <div className="error small-text">{j.error}</div> : null}</td>
                      <td>{j.created_from} – {j.created_to}</td>
                      <td>{j.format}{j.pii_masked ? ` · ${t('masked')}` : ''}</td>
                      <td>
                        <progress max={100} value={pct} aria-label={`${t('Progress')} ${j.id}`} /> {j.progress.rows}/{j.progress.total ?? '?'}
                      </td>
                      <td>{bytes(j.size_bytes)}</td>
                      <td>{dateTime(j.created_at, shop.timezone)}</td>
                      <td className="row-actions">
                        {j.status === 'succeeded' && (
                          <a href={j.file_url ?? '#'} onClick={(e) => { e.preventDefault(); void download(j); }}>{t('Download')}</a>
                        )}
                        <button type="button" className="small" onClick={() => void remove(j)}>{ACTIVE.has(j.status) ? t('Cancel') : t('Remove')}</button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Busy>
    </>
  );
}
