import { useCallback, useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { gqlError, rest, restBlob, upload } from '../lib/api';
import { bytes, dateTime } from '../lib/format';
import { currentAfter, firstPage, hasPrevious, nextPage, pageNumber, previousPage } from '../lib/paging';
import { Busy, Empty, ErrorBox, StatusBadge, actionLabel, codeLabel } from '../components/ui';
import { OrderDrawer } from './OrderDrawer';

const DISPUTES = `
  query Disputes($shop: Int!, $first: Int!, $after: String) {
    shop(id: $shop) {
      id
      disputes(first: $first, after: $after) {
        endCursor hasNextPage
        nodes { id databaseId orderId afterSaleId kind status description allowedActions submittedAt reviewDueAt decidedAt createdAt version }
      }
    }
  }
`;
const SUBMIT = `
  mutation Submit($shop: Int!, $id: Int!, $v: Int) {
    submitDispute(shopId: $shop, disputeId: $id, expectedVersion: $v) {
      dispute { id databaseId status allowedActions submittedAt reviewDueAt version }
      userErrors { code message }
    }
  }
`;
const EVIDENCE_KINDS = ['chat_log', 'qc_report', 'shipping_proof', 'other'];
/** Statuses in which the platform still accepts evidence. */
const ACCEPTS_EVIDENCE = new Set(['open', 'evidence_submitted']);

interface Dispute {
  id: string;
  databaseId: number;
  orderId: number;
  afterSaleId: number | null;
  kind: string;
  status: string;
  description: string;
  allowedActions: string[];
  submittedAt: string | null;
  reviewDueAt: string | null;
  decidedAt: string | null;
  createdAt: string;
  version: number;
}
interface Evidence {
  id: number;
  kind: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
}

/** Days until the arbitration deadline (negative: overdue). */
function daysLeft(due: string): number {
  return Math.ceil((new Date(due).getTime() - Date.now()) / 86_400_000);
}

export function DisputesPage() {
  const { t } = useI18n();
  const { shop, can } = useSession();
  const [paging, setPaging] = useState(firstPage);
  const [chosen, setChosen] = useState<number | null>(null);
  const [order, setOrder] = useState<number | null>(null);
  const [{ data, fetching, error }, reexecute] = useQuery<{ shop: { disputes: { endCursor: string | null; hasNextPage: boolean; nodes: Dispute[] } } | null }>({
    query: DISPUTES,
    variables: { shop: shop.id, first: 25, after: currentAfter(paging) },
  });
  const page = data?.shop?.disputes;
  const rows = page?.nodes ?? [];
  // Default to the first dispute that still takes evidence, so the work is one click away.
  const current = rows.find((d) => d.databaseId === chosen) ?? rows.find((d) => ACCEPTS_EVIDENCE.has(d.status)) ?? rows[0];

  return (
    <>
      <h1>{t('Disputes')}</h1>
      <div className="split">
        <Busy busy={fetching} label={t('Disputes')}>
          <ErrorBox error={gqlError(error)} />
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('Order')}</th>
                  <th scope="col">{t('Kind')}</th>
                  <th scope="col">{t('Status')}</th>
                  <th scope="col">{t('Arbitration due')}</th>
                  <th scope="col">{t('Opened')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => {
                  const left = d.reviewDueAt && !d.decidedAt ? daysLeft(d.reviewDueAt) : null;
                  return (
                    <tr key={d.id} data-testid="dispute-row" data-dispute-id={d.databaseId} aria-selected={current?.id === d.id} className={current?.id === d.id ? 'selected' : undefined} onClick={() => setChosen(d.databaseId)}>
                      <td><button type="button" className="link" onClick={() => setChosen(d.databaseId)} aria-label={`${t('Dispute')} ${d.databaseId}`}>{d.databaseId}</button></td>
                      <td><button type="button" className="link" onClick={() => setOrder(d.orderId)}>{d.orderId}</button></td>
                      <td>{t(codeLabel(d.kind))}</td>
                      <td data-testid="dispute-status"><StatusBadge code={d.status} /></td>
                      <td className={left !== null && left <= 1 ? 'urgent' : undefined}>
                        {d.reviewDueAt ? dateTime(d.reviewDueAt, shop.timezone) : '—'}
                        {left !== null && ` (${left < 0 ? t('overdue') : t('{n} d left', { n: left })})`}
                      </td>
                      <td>{dateTime(d.createdAt, shop.timezone)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {page && rows.length === 0 && <Empty>{t('No disputes.')}</Empty>}
          <nav className="pager" aria-label={t('Pages')}>
            <button type="button" disabled={!hasPrevious(paging)} onClick={() => setPaging(previousPage(paging))}>{t('Previous page')}</button>
            <span>{t('Page {n}', { n: pageNumber(paging) })}</span>
            <button type="button" disabled={!page?.hasNextPage} onClick={() => setPaging(nextPage(paging, page?.endCursor))}>{t('Next page')}</button>
          </nav>
        </Busy>
        {current && (
          <DisputePanel key={current.id} dispute={current} writable={can('disputes:write')} onChanged={() => reexecute({ requestPolicy: 'network-only' })} />
        )}
      </div>
      {order !== null && <OrderDrawer orderId={order} onClose={() => setOrder(null)} onChanged={() => undefined} />}
    </>
  );
}

function DisputePanel({ dispute, writable, onChanged }: { dispute: Dispute; writable: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const { shop } = useSession();
  const [items, setItems] = useState<Evidence[] | null>(null);
  const [kind, setKind] = useState('other');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, submit] = useMutation(SUBMIT);
  const base = `/v1/shops/${shop.id}/disputes/${dispute.databaseId}/evidence`;

  const load = useCallback(() => {
    rest<{ data: Evidence[] }>(base)
      .then((r) => setItems(r.data))
      .catch((e: Error) => setError(e.message));
  }, [base]);
  useEffect(load, [load]);

  const onFile = async (file: File | undefined, input: HTMLInputElement) => {
    if (!file) return;
    setError(null);
    setProgress(0);
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    try {
      await upload<Evidence>(base, form, setProgress);
      load();
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
      input.value = '';
    }
  };

  const download = async (ev: Evidence) => {
    try {
      const blob = await restBlob(`${base}/${ev.id}`);
      saveBlob(blob, ev.filename);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const doSubmit = async () => {
    setError(null);
    const r = await submit({ shop: shop.id, id: dispute.databaseId, v: dispute.version });
    const errs = (r.data as { submitDispute?: { userErrors: { code: string; message: string }[] } } | undefined)?.submitDispute?.userErrors ?? [];
    const problem = gqlError(r.error) ?? (errs.length ? errs.map((e) => `${e.message} (${e.code})`).join('; ') : null);
    if (problem) setError(problem);
    onChanged();
  };

  const accepts = writable && dispute.allowedActions.includes('add_evidence');
  return (
    <section className="panel" aria-label={`${t('Dispute')} ${dispute.databaseId}`}>
      <h2>{t('Dispute')} #{dispute.databaseId} · <StatusBadge code={dispute.status} /></h2>
      <p>{dispute.description}</p>
      <dl className="facts">
        <dt>{t('Submitted')}</dt><dd>{dateTime(dispute.submittedAt, shop.timezone)}</dd>
        <dt>{t('Arbitration due')}</dt><dd>{dateTime(dispute.reviewDueAt, shop.timezone)}</dd>
        <dt>{t('Decided')}</dt><dd>{dateTime(dispute.decidedAt, shop.timezone)}</dd>
      </dl>
      <h3>{t('Evidence')}</h3>
      {items === null ? <p aria-busy="true">{t('Loading…')}</p> : items.length === 0 ? <p className="muted">{t('No evidence yet.')}</p> : (
        <ul className="plain">
          {items.map((ev) => (
            <li key={ev.id} data-testid="evidence-item">
              <button type="button" className="link" onClick={() => void download(ev)}>{ev.filename}</button> · {t(codeLabel(ev.kind))} · {bytes(ev.size_bytes)}
            </li>
          ))}
        </ul>
      )}
      {accepts && (
        <div className="upload">
          <div className="field">
            <label htmlFor="ev-kind">{t('Evidence kind')}</label>
            <select id="ev-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {EVIDENCE_KINDS.map((k) => <option key={k} value={k}>{t(codeLabel(k))}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="ev-file">{t('Evidence file')}</label>
            <input id="ev-file" type="file" accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain" disabled={progress !== null} onChange={(e) => void onFile(e.target.files?.[0], e.target)} />
          </div>
          {progress !== null && (
            <progress max={100} value={Math.round(progress * 100)} aria-label={t('Upload progress')}>{Math.round(progress * 100)}%</progress>
          )}
          <p className="hint">{t('PNG, JPEG, GIF, WebP, PDF or text, up to 10 MB.')}</p>
        </div>
      )}
      {writable && dispute.allowedActions.filter((a) => a === 'submit').map((a) => (
        <button key={a} type="button" className="primary" onClick={() => void doSubmit()}>{t(actionLabel(a))}</button>
      ))}
      <ErrorBox error={error} />
    </section>
  );
}

export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
