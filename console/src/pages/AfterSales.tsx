import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { gqlError } from '../lib/api';
import { dateTime, yuan } from '../lib/format';
import { AFTER_SALE_STATUSES } from '../lib/filters';
import { currentAfter, firstPage, hasPrevious, nextPage, pageNumber, previousPage } from '../lib/paging';
import { Busy, Dialog, Empty, ErrorBox, StatusBadge, actionLabel, codeLabel } from '../components/ui';
import { OrderDrawer } from './OrderDrawer';

const OPEN = ['REQUESTED', 'APPROVED', 'AWAITING_RETURN', 'RETURNED'];
const TYPES = ['refund_only', 'return_refund', 'exchange'];
/** Actions whose API call wants a reason (the others take an optional one). */
const NEEDS_REASON = new Set(['reject', 'close']);

const AFTER_SALES = `
  query AfterSales($shop: Int!, $filter: AfterSaleFilterInput, $first: Int!, $after: String) {
    shop(id: $shop) {
      id
      afterSales(filter: $filter, first: $first, after: $after) {
        endCursor hasNextPage
        nodes { id databaseId orderId type status reason amount rejectReason allowedActions createdAt resolvedAt version }
      }
    }
  }
`;
const ACTION = `
  mutation Act($shop: Int!, $id: Int!, $action: String!, $reason: String, $v: Int) {
    afterSaleAction(shopId: $shop, afterSaleId: $id, action: $action, reason: $reason, expectedVersion: $v) {
      afterSale { id databaseId status allowedActions version resolvedAt rejectReason }
      userErrors { code message }
    }
  }
`;

interface AfterSale {
  id: string;
  databaseId: number;
  orderId: number;
  type: string;
  status: string;
  reason: string;
  amount: number;
  rejectReason: string | null;
  allowedActions: string[];
  createdAt: string;
  resolvedAt: string | null;
  version: number;
}

export function AfterSalesPage() {
  const { t } = useI18n();
  const { shop, can } = useSession();
  const [status, setStatus] = useState('open');
  const [type, setType] = useState('');
  const [paging, setPaging] = useState(firstPage);
  const [pending, setPending] = useState<{ row: AfterSale; action: string } | null>(null);
  const [reason, setReason] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [order, setOrder] = useState<number | null>(null);
  const filter = {
    status: status === 'open' ? OPEN : status ? [status.toUpperCase()] : null,
    type: type ? [type.toUpperCase()] : null,
  };
  const [{ data, fetching, error }, reexecute] = useQuery<{ shop: { afterSales: { endCursor: string | null; hasNextPage: boolean; nodes: AfterSale[] } } | null }>({
    query: AFTER_SALES,
    variables: { shop: shop.id, filter, first: 25, after: currentAfter(paging) },
  });
  const [{ fetching: acting }, act] = useMutation(ACTION);
  const page = data?.shop?.afterSales;
  const writable = can('after_sales:write');

  const perform = async (row: AfterSale, action: string, why: string | null) => {
    setActionError(null);
    const r = await act({ shop: shop.id, id: row.databaseId, action, reason: why, v: row.version });
    const errs = (r.data as { afterSaleAction?: { userErrors: { code: string; message: string }[] } } | undefined)?.afterSaleAction?.userErrors ?? [];
    const problem = gqlError(r.error) ?? (errs.length ? errs.map((e) => `${e.message} (${e.code})`).join('; ') : null);
    if (problem) setActionError(`#${row.databaseId}: ${problem}`);
    else setPending(null);
    reexecute({ requestPolicy: 'network-only' });
  };
  const onAction = (row: AfterSale, action: string) => {
    if (NEEDS_REASON.has(action)) {
      setReason('');
      setPending({ row, action });
    } else void perform(row, action, null);
  };
  const submitReason = (e: FormEvent) => {
    e.preventDefault();
    if (pending) void perform(pending.row, pending.action, reason);
  };
  const reset = () => setPaging(firstPage());

  return (
    <>
      <h1>{t('After-sales')}</h1>
      <div className="filters compact">
        <div className="field">
          <label htmlFor="as-status">{t('Status')}</label>
          <select id="as-status" value={status} onChange={(e) => { setStatus(e.target.value); reset(); }}>
            <option value="open">{t('Open (needs action)')}</option>
            <option value="">{t('Any')}</option>
            {AFTER_SALE_STATUSES.map((s) => <option key={s} value={s}>{t(codeLabel(s))}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="as-type">{t('Type')}</label>
          <select id="as-type" value={type} onChange={(e) => { setType(e.target.value); reset(); }}>
            <option value="">{t('Any')}</option>
            {TYPES.map((s) => <option key={s} value={s}>{t(codeLabel(s))}</option>)}
          </select>
        </div>
      </div>
      <ErrorBox error={actionError} />
      <Busy busy={fetching || acting} label={t('After-sales')}>
        <ErrorBox error={gqlError(error)} />
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('Order')}</th>
                <th scope="col">{t('Type')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col" className="num">{t('Amount')}</th>
                <th scope="col">{t('Reason')}</th>
                <th scope="col">{t('Requested')}</th>
                <th scope="col">{t('Actions')}</th>
              </tr>
            </thead>
            <tbody>
              {page?.nodes.map((a) => (
                <tr key={a.id} data-testid="after-sale-row" data-after-sale-id={a.databaseId}>
                  <td>{a.databaseId}</td>
                  <td><button type="button" className="link" onClick={() => setOrder(a.orderId)}>{a.orderId}</button></td>
                  <td>{t(codeLabel(a.type))}</td>
                  <td data-testid="after-sale-status" data-status={a.status.toLowerCase()}><StatusBadge code={a.status} /></td>
                  <td className="num">{yuan(a.amount)}</td>
                  <td>{a.reason}{a.rejectReason ? ` — ${a.rejectReason}` : ''}</td>
                  <td>{dateTime(a.createdAt, shop.timezone)}</td>
                  <td className="row-actions">
                    {writable && a.allowedActions.map((action) => (
                      <button key={action} type="button" className="small" disabled={acting} onClick={() => onAction(a, action)}>
                        {t(actionLabel(action))}
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {page && page.nodes.length === 0 && <Empty>{t('Nothing in this queue.')}</Empty>}
      </Busy>
      <nav className="pager" aria-label={t('Pages')}>
        <button type="button" disabled={!hasPrevious(paging)} onClick={() => setPaging(previousPage(paging))}>{t('Previous page')}</button>
        <span>{t('Page {n}', { n: pageNumber(paging) })}</span>
        <button type="button" disabled={!page?.hasNextPage} onClick={() => setPaging(nextPage(paging, page?.endCursor))}>{t('Next page')}</button>
      </nav>
      {pending && (
        <Dialog title={`${t(actionLabel(pending.action))} #${pending.row.databaseId}`} onClose={() => setPending(null)}>
          <form className="dialog-body" onSubmit={submitReason}>
            <label htmlFor="as-reason">{t('Reason')}</label>
            <input id="as-reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
            <ErrorBox error={actionError} />
            <div className="dialog-foot">
              <button type="button" onClick={() => setPending(null)}>{t('Cancel')}</button>
              <button type="submit" className="primary">{t('Confirm')}</button>
            </div>
          </form>
        </Dialog>
      )}
      {order !== null && <OrderDrawer orderId={order} onClose={() => setOrder(null)} onChanged={() => reexecute({ requestPolicy: 'network-only' })} />}
    </>
  );
}
