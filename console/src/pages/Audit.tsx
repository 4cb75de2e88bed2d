import { useState, type FormEvent } from 'react';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { addDays, dateTime, zonedMidnight } from '../lib/format';
import { currentAfter, firstPage, hasPrevious, nextPage, pageNumber, previousPage } from '../lib/paging';
import type { AuditEntry, AuditEntryPage } from '../lib/schemas';
import { useRest } from '../lib/useRest';
import { Busy, Empty, ErrorBox } from '../components/ui';

type Entry = AuditEntry;

const EMPTY = { actor: '', action: '', entity: '', entity_id: '', from: '', to: '' };

export function AuditPage() {
  const { t } = useI18n();
  const { shop } = useSession();
  const [form, setForm] = useState(EMPTY);
  const [applied, setApplied] = useState(EMPTY);
  const [paging, setPaging] = useState(firstPage);
  const q = new URLSearchParams({ limit: '50' });
  for (const k of ['actor', 'action', 'entity', 'entity_id'] as const) if (applied[k].trim()) q.set(k, applied[k].trim());
  if (applied.from) q.set('created_from', zonedMidnight(applied.from, shop.timezone));
  if (applied.to) q.set('created_to', zonedMidnight(addDays(applied.to, 1), shop.timezone));
  const cursor = currentAfter(paging);
  if (cursor) q.set('cursor', cursor);
  const log = useRest<AuditEntryPage>(`/v1/shops/${shop.id}/audit-log?${q.toString()}`);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(form);
    setPaging(firstPage());
  };
  const field = (k: keyof typeof EMPTY, label: string, type = 'text', placeholder?: string) => (
    <div className="field">
      <label htmlFor={`a-${k}`}>{t(label)}</label>
      <input id={`a-${k}`} type={type} placeholder={placeholder} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} />
    </div>
  );
  const actor = ({ actor: a }: Entry) =>
    `${a.type}${a.account_id ? ` account:${a.account_id}` : ''}${a.app_id ? ` app:${a.app_id}` : ''}`;

  return (
    <>
      <h1>{t('Audit log')}</h1>
      <form className="filters compact" onSubmit={submit} aria-label={t('Audit filters')}>
        {field('actor', 'Actor', 'text', 'account:1, app:7, system')}
        {field('action', 'Action')}
        {field('entity', 'Entity', 'text', 'order')}
        {field('entity_id', 'Entity ID')}
        {field('from', 'From', 'date')}
        {field('to', 'To', 'date')}
        <button type="submit" className="primary">{t('Apply')}</button>
      </form>
      <Busy busy={log.loading} label={t('Audit log')}>
        <ErrorBox error={log.error} />
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">{t('Time')}</th><th scope="col">{t('Actor')}</th><th scope="col">{t('Action')}</th><th scope="col">{t('Entity')}</th><th scope="col">{t('Version')}</th><th scope="col" className="wide">{t('Request')}</th></tr></thead>
            <tbody>
              {log.data?.data.map((e) => (
                <tr key={e.id} data-testid="audit-row">
                  <td>{dateTime(e.created_at, shop.timezone)}</td>
                  <td>{actor(e)}</td>
                  <td>{e.action}</td>
                  <td>{e.entity}{e.entity_id != null ? ` #${e.entity_id}` : ''}</td>
                  <td>{e.before_version ?? '—'} → {e.after_version ?? '—'}</td>
                  <td className="wide small-text">{e.request_id ?? ''} {e.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {log.data && log.data.data.length === 0 && <Empty>{t('No entries.')}</Empty>}
      </Busy>
      <nav className="pager" aria-label={t('Pages')}>
        <button type="button" disabled={!hasPrevious(paging)} onClick={() => setPaging(previousPage(paging))}>{t('Previous page')}</button>
        <span>{t('Page {n}', { n: pageNumber(paging) })}</span>
        <button type="button" disabled={!log.data?.has_more} onClick={() => setPaging(nextPage(paging, log.data?.next_cursor))}>{t('Next page')}</button>
      </nav>
    </>
  );
}
