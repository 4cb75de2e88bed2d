import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { gqlError } from '../lib/api';
import { dateTime, quickRange, todayIn, yuan } from '../lib/format';
import {
  AFTER_SALE_STATUSES, FilterError, ORDER_STATUSES, PAY_METHODS, PAY_STATUSES, SORTS, TRAFFIC_SOURCES,
  emptyFilters, toOrderFilter, type OrderFilterForm,
} from '../lib/filters';
import { currentAfter, firstPage, hasPrevious, nextPage, pageNumber, previousPage } from '../lib/paging';
import { coalesce } from '../lib/coalesce';
import { Busy, Empty, ErrorBox, StatusBadge, codeLabel } from '../components/ui';
import { BatchShipDialog } from './BatchShip';
import { OrderDrawer } from './OrderDrawer';

const PAGE_SIZE = 20;
const LIVE_REFRESH_MS = 10_000;

export const ORDERS_QUERY = `
  query Orders($shop: Int!, $filter: OrderFilterInput, $sort: OrderSort!, $first: Int!, $after: String) {
    shop(id: $shop) {
      id
      orders(filter: $filter, sort: $sort, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          id databaseId orderNo status payStatus payMethod createdAt paidAt paidAmount flagged
          trafficSource province trackingNumbers version
          buyer { nickname }
          items { title quantity }
          author { nickname }
          afterSaleSummary { count open latestStatus }
        }
      }
    }
  }
`;

export interface OrderRow {
  id: string;
  databaseId: number;
  orderNo: string;
  status: string;
  payStatus: string;
  payMethod: string | null;
  createdAt: string;
  paidAt: string | null;
  paidAmount: number;
  flagged: boolean;
  trafficSource: string;
  province: string;
  trackingNumbers: string[];
  version: number;
  buyer: { nickname: string };
  items: { title: string; quantity: number }[];
  author: { nickname: string } | null;
  afterSaleSummary: { count: number; open: number; latestStatus: string | null };
}

interface OrdersData {
  shop: {
    id: number;
    orders: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: OrderRow[] };
  } | null;
}

function Select(props: { id: keyof OrderFilterForm; label: string; values: string[]; form: OrderFilterForm; set: (f: OrderFilterForm) => void; any?: string; render?: (v: string) => string }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={`f-${props.id}`}>{t(props.label)}</label>
      <select id={`f-${props.id}`} value={props.form[props.id]} onChange={(e) => props.set({ ...props.form, [props.id]: e.target.value })}>
        <option value="">{t(props.any ?? 'Any')}</option>
        {props.values.map((v) => (
          <option key={v} value={v}>{props.render ? props.render(v) : t(codeLabel(v))}</option>
        ))}
      </select>
    </div>
  );
}

function Input(props: { id: keyof OrderFilterForm; label: string; form: OrderFilterForm; set: (f: OrderFilterForm) => void; type?: string; inputMode?: 'numeric' | 'decimal' }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={`f-${props.id}`}>{t(props.label)}</label>
      <input
        id={`f-${props.id}`}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        value={props.form[props.id]}
        onChange={(e) => props.set({ ...props.form, [props.id]: e.target.value })}
      />
    </div>
  );
}

export function OrdersPage() {
  const { t } = useI18n();
  const { shop, can, liveTick } = useSession();
  const [form, setForm] = useState<OrderFilterForm>(emptyFilters);
  const [applied, setApplied] = useState<OrderFilterForm>(emptyFilters);
  const [more, setMore] = useState(false);
  const [paging, setPaging] = useState(firstPage);
  const [selected, setSelected] = useState<Map<number, OrderRow>>(new Map());
  const [batchOpen, setBatchOpen] = useState(false);
  const [openOrder, setOpenOrder] = useState<number | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const filter = useMemo(() => {
    try {
      return toOrderFilter(applied, shop.timezone);
    } catch {
      return {};
    }
  }, [applied, shop.timezone]);

  const [{ data, fetching, error }, reexecute] = useQuery<OrdersData>({
    query: ORDERS_QUERY,
    variables: { shop: shop.id, filter, sort: applied.sort || 'CREATED_AT_DESC', first: PAGE_SIZE, after: currentAfter(paging) },
  });

  // A new order arrived (live subscription): refresh the first page, at most once per
  // LIVE_REFRESH_MS (a later page cannot gain the newest orders; see lib/coalesce.ts).
  const onFirstPage = currentAfter(paging) === null;
  const liveRefresh = useMemo(
    () => coalesce(() => reexecute({ requestPolicy: 'network-only' }), LIVE_REFRESH_MS),
    [reexecute],
  );
  useEffect(() => () => liveRefresh.cancel(), [liveRefresh]);
  useEffect(() => {
    if (liveTick > 0 && onFirstPage) liveRefresh.trigger();
  }, [liveTick, onFirstPage, liveRefresh]);

  const apply = (next: OrderFilterForm) => {
    try {
      toOrderFilter(next, shop.timezone);
    } catch (e) {
      if (e instanceof FilterError) {
        setFormError(`${t(labelOf(e.field))}: ${t(e.message)}`);
        return;
      }
      throw e;
    }
    setFormError(null);
    setForm(next);
    setApplied(next);
    setPaging(firstPage());
    setSelected(new Map());
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    apply(form);
  };
  const quick = (kind: 'today' | '7d' | '30d') => {
    const r = quickRange(kind, todayIn(shop.timezone));
    apply({ ...form, createdFrom: r.from, createdTo: r.to });
  };

  const orders = data?.shop?.orders;
  const rows = orders?.nodes ?? [];
  const toggle = (row: OrderRow) => {
    const next = new Map(selected);
    if (next.has(row.databaseId)) next.delete(row.databaseId);
    else next.set(row.databaseId, row);
    setSelected(next);
  };
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.databaseId));
  const toggleAll = () => {
    const next = new Map(selected);
    for (const r of rows) {
      if (allOnPage) next.delete(r.databaseId);
      else next.set(r.databaseId, r);
    }
    setSelected(next);
  };
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  return (
    <>
      <h1>{t('Orders')}</h1>
      <form className="filters" data-testid="order-filters" onSubmit={onSubmit} aria-label={t('Order filters')}>
        <Select id="status" label="Status" values={ORDER_STATUSES} form={form} set={setForm} />
        <Select id="payMethod" label="Pay method" values={PAY_METHODS} form={form} set={setForm} />
        <Input id="createdFrom" label="Created from" type="date" form={form} set={setForm} />
        <Input id="createdTo" label="Created to" type="date" form={form} set={setForm} />
        <Input id="orderNo" label="Order no" form={form} set={setForm} />
        <Input id="buyerNickname" label="Buyer nickname" form={form} set={setForm} />
        {more && (
          <>
            <Select id="payStatus" label="Pay status" values={PAY_STATUSES} form={form} set={setForm} />
            <Select id="afterSaleStatus" label="After-sale status" values={AFTER_SALE_STATUSES} form={form} set={setForm} />
            <Select id="hasAfterSale" label="Has after-sale" values={['true', 'false']} form={form} set={setForm} render={(v) => t(v === 'true' ? 'Yes' : 'No')} />
            <Select id="flagged" label="Flagged" values={['true', 'false']} form={form} set={setForm} render={(v) => t(v === 'true' ? 'Yes' : 'No')} />
            <Select id="trafficSource" label="Traffic source" values={TRAFFIC_SOURCES} form={form} set={setForm} />
            <Input id="buyerId" label="Buyer ID" form={form} set={setForm} />
            <Input id="productId" label="Product ID" inputMode="numeric" form={form} set={setForm} />
            <Input id="authorId" label="Author ID" inputMode="numeric" form={form} set={setForm} />
            <Input id="province" label="Province" form={form} set={setForm} />
            <Input id="trackingNo" label="Tracking no" form={form} set={setForm} />
            <Input id="minPaid" label="Paid from (¥)" inputMode="decimal" form={form} set={setForm} />
            <Input id="maxPaid" label="Paid to (¥)" inputMode="decimal" form={form} set={setForm} />
            <Input id="updatedFrom" label="Updated from" type="date" form={form} set={setForm} />
            <Input id="updatedTo" label="Updated to" type="date" form={form} set={setForm} />
            <Select id="sort" label="Sort" values={SORTS} form={form} set={setForm} any="Newest first" render={(v) => t(codeLabel(v))} />
          </>
        )}
        <div className="filter-actions">
          <span className="quick" role="group" aria-label={t('Quick ranges')}>
            <button type="button" onClick={() => quick('today')}>{t('Today')}</button>
            <button type="button" onClick={() => quick('7d')}>{t('7 days')}</button>
            <button type="button" onClick={() => quick('30d')}>{t('30 days')}</button>
          </span>
          <button type="button" aria-expanded={more} onClick={() => setMore(!more)}>
            {more ? t('Fewer filters') : t('More filters')}
          </button>
          <button type="button" onClick={() => apply(emptyFilters())}>{t('Reset')}</button>
          <button type="submit" className="primary">{t('Apply')}</button>
        </div>
        <ErrorBox error={formError} />
      </form>

      <div className="toolbar">
        <span>
          {t('Total')}: <strong data-testid="orders-total">{orders ? orders.totalCount : ''}</strong>
          {orders && orders.totalCount >= 10000 ? '+' : ''}
        </span>
        <span className="spacer" />
        {selected.size > 0 && <span>{t('{n} selected', { n: selected.size })}</span>}
        {can('orders:write') && (
          <button type="button" disabled={selected.size === 0} onClick={() => setBatchOpen(true)}>
            {t('Batch ship')}
          </button>
        )}
      </div>

      <Busy busy={fetching} label={t('Order list')}>
        <ErrorBox error={gqlError(error)} />
        <div className="table-wrap">
          <table data-testid="orders-table" className="orders">
            <thead>
              <tr>
                <th scope="col">
                  <input type="checkbox" aria-label={t('Select all on this page')} checked={allOnPage} onChange={toggleAll} />
                </th>
                <th scope="col">{t('Order no')}</th>
                <th scope="col">{t('Created')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col">{t('Pay method')}</th>
                <th scope="col" className="num">{t('Paid')}</th>
                <th scope="col">{t('Buyer')}</th>
                <th scope="col">{t('Items')}</th>
                <th scope="col" className="wide">{t('Author')}</th>
                <th scope="col" className="wide">{t('Source')}</th>
                <th scope="col" className="wide">{t('Province')}</th>
                <th scope="col" className="wide">{t('Tracking')}</th>
                <th scope="col">{t('After-sale')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr
                  key={o.id}
                  data-testid="order-row"
                  data-order-no={o.orderNo}
                  className={o.flagged ? 'flagged' : undefined}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('input,button,a')) return;
                    setOpenOrder(o.databaseId);
                  }}
                >
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('Select')} ${o.orderNo}`}
                      checked={selected.has(o.databaseId)}
                      onChange={() => toggle(o)}
                    />
                  </td>
                  <td>
                    <button type="button" className="link" onClick={() => setOpenOrder(o.databaseId)}>
                      {o.orderNo}
                    </button>
                    {o.flagged && <span className="flag" title={t('Flagged')}> ⚑</span>}
                  </td>
                  <td>{dateTime(o.createdAt, shop.timezone)}</td>
                  <td data-testid="order-status" data-status={o.status.toLowerCase()}>
                    <StatusBadge code={o.status} />
                  </td>
                  <td>{o.payMethod ? t(codeLabel(o.payMethod)) : '—'}</td>
                  <td className="num">{yuan(o.paidAmount)}</td>
                  <td>{o.buyer.nickname}</td>
                  <td className="items">
                    {o.items[0] ? `${o.items[0].title} ×${o.items[0].quantity}` : '—'}
                    {o.items.length > 1 ? ` +${o.items.length - 1}` : ''}
                  </td>
                  <td className="wide">{o.author?.nickname ?? '—'}</td>
                  <td className="wide">{t(codeLabel(o.trafficSource))}</td>
                  <td className="wide">{o.province}</td>
                  <td className="wide">{o.trackingNumbers.join(', ') || '—'}</td>
                  <td>
                    {o.afterSaleSummary.count > 0
                      ? `${t(codeLabel(o.afterSaleSummary.latestStatus))}${o.afterSaleSummary.open ? ` (${o.afterSaleSummary.open} ${t('open')})` : ''}`
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!fetching && !error && rows.length === 0 && <Empty>{t('No orders match these filters.')}</Empty>}
      </Busy>
      <nav className="pager" aria-label={t('Pages')}>
        <button type="button" disabled={!hasPrevious(paging)} onClick={() => setPaging(previousPage(paging))}>
          {t('Previous page')}
        </button>
        <span>{t('Page {n}', { n: pageNumber(paging) })}</span>
        <button
          type="button"
          disabled={!orders?.pageInfo.hasNextPage}
          onClick={() => setPaging(nextPage(paging, orders?.pageInfo.endCursor))}
        >
          {t('Next page')}
        </button>
      </nav>

      {batchOpen && (
        <BatchShipDialog
          selected={[...selected.values()]}
          onClose={() => setBatchOpen(false)}
          onDone={() => {
            setSelected(new Map());
            refresh();
          }}
        />
      )}
      {openOrder !== null && <OrderDrawer orderId={openOrder} onClose={() => setOpenOrder(null)} onChanged={refresh} />}
    </>
  );
}

const LABELS: Partial<Record<keyof OrderFilterForm, string>> = {
  productId: 'Product ID', authorId: 'Author ID', minPaid: 'Paid from (¥)', maxPaid: 'Paid to (¥)', createdTo: 'Created to',
};
const labelOf = (f: keyof OrderFilterForm) => LABELS[f] ?? f;
