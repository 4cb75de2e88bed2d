import { useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { gqlError } from '../lib/api';
import { dateTime, maskAddress, maskName, maskPhone, yuan } from '../lib/format';
import { Dialog, ErrorBox, StatusBadge, codeLabel } from '../components/ui';

const ORDER_DETAIL = `
  query OrderDetail($shop: Int!, $id: Int!) {
    shop(id: $shop) {
      id
      order(id: $id) {
        id databaseId orderNo status payStatus payMethod createdAt paidAt paidAmount goodsAmount discountAmount
        shippingFee refundedAmount flagged flagReason merchantRemark buyerNote closeReason version trafficSource
        shippedAt signedAt completedAt closedAt commissionAmount
        buyer { id nickname }
        author { nickname }
        items { databaseId title sku quantity unitPrice }
        receiver { name phone address province city masked }
        shipments { carrierCode trackingNo shippedAt signedAt }
        timeline { kind actorType actorId createdAt data }
        afterSales { databaseId type status amount reason createdAt }
        disputes { databaseId kind status reviewDueAt createdAt }
      }
    }
  }
`;

const FIELDS = 'order { id databaseId status version flagged flagReason merchantRemark } userErrors { code message }';
const FLAG = `mutation($s: Int!, $o: Int!, $r: String!, $v: Int) { flagOrder(shopId: $s, orderId: $o, reason: $r, expectedVersion: $v) { ${FIELDS} } }`;
const UNFLAG = `mutation($s: Int!, $o: Int!, $v: Int) { unflagOrder(shopId: $s, orderId: $o, expectedVersion: $v) { ${FIELDS} } }`;
const REMARK = `mutation($s: Int!, $o: Int!, $r: String!, $v: Int) { updateOrder(shopId: $s, orderId: $o, input: { merchantRemark: $r }, expectedVersion: $v) { ${FIELDS} } }`;
const CLOSE = `mutation($s: Int!, $o: Int!, $r: String!, $v: Int) { closeOrder(shopId: $s, orderId: $o, reason: $r, expectedVersion: $v) { ${FIELDS} } }`;
const REMIND = `mutation($s: Int!, $o: Int!, $c: String, $m: String) { sendPaymentReminder(shopId: $s, orderId: $o, couponCode: $c, message: $m) { ${FIELDS} } }`;
const DISPUTE = `mutation($s: Int!, $o: Int!, $k: String!, $d: String!) { openDispute(shopId: $s, orderId: $o, kind: $k, description: $d) { dispute { id databaseId status } userErrors { code message } } }`;

interface Detail {
  id: string;
  databaseId: number;
  orderNo: string;
  status: string;
  payStatus: string;
  payMethod: string | null;
  createdAt: string;
  paidAt: string | null;
  paidAmount: number;
  goodsAmount: number;
  discountAmount: number;
  shippingFee: number;
  refundedAmount: number;
  flagged: boolean;
  flagReason: string | null;
  merchantRemark: string | null;
  buyerNote: string | null;
  closeReason: string | null;
  version: number;
  trafficSource: string;
  commissionAmount: number;
  buyer: { id: string; nickname: string };
  author: { nickname: string } | null;
  items: { databaseId: number; title: string; sku: string | null; quantity: number; unitPrice: number }[];
  receiver: { name: string; phone: string; address: string; province: string; city: string; masked: boolean };
  shipments: { carrierCode: string; trackingNo: string; shippedAt: string | null; signedAt: string | null }[];
  timeline: { kind: string; actorType: string; actorId: string | null; createdAt: string; data: Record<string, unknown> }[];
  afterSales: { databaseId: number; type: string; status: string; amount: number; reason: string; createdAt: string }[];
  disputes: { databaseId: number; kind: string; status: string; reviewDueAt: string | null; createdAt: string }[];
}

type Payload = Record<string, { userErrors: { code: string; message: string }[] } | undefined>;

function summary(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .slice(0, 4)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

export function OrderDrawer({ orderId, onClose, onChanged }: { orderId: number; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { shop, can } = useSession();
  const [{ data, fetching, error }, reexecute] = useQuery<{ shop: { order: Detail | null } | null }>({
    query: ORDER_DETAIL,
    variables: { shop: shop.id, id: orderId },
    requestPolicy: 'network-only',
  });
  const client = useClient();
  const [revealed, setRevealed] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [mode, setMode] = useState<null | 'flag' | 'close' | 'remind' | 'dispute'>(null);
  const [reason, setReason] = useState('');
  const [extra, setExtra] = useState('');
  const [remark, setRemark] = useState<string | null>(null);
  const o = data?.shop?.order ?? null;

  const run = async (query: string, vars: Record<string, unknown>, done: string) => {
    setActionError(null);
    setNotice(null);
    const r = await client.mutation(query, { s: shop.id, o: orderId, ...vars }).toPromise();
    const payload = r.data ? Object.values(r.data as Payload)[0] : undefined;
    const problem = gqlError(r.error) ?? payload?.userErrors.map((u) => `${u.message} (${u.code})`).join('; ');
    if (problem) {
      setActionError(problem);
      return;
    }
    setNotice(t(done));
    setMode(null);
    setReason('');
    setExtra('');
    reexecute({ requestPolicy: 'network-only' });
    onChanged();
  };

  const submitMode = (e: FormEvent) => {
    e.preventDefault();
    if (!o) return;
    if (mode === 'flag') void run(FLAG, { r: reason, v: o.version }, 'Flagged');
    if (mode === 'close') void run(CLOSE, { r: reason, v: o.version }, 'Order closed');
    if (mode === 'remind') void run(REMIND, { c: reason || null, m: extra || null }, 'Reminder sent');
    if (mode === 'dispute') void run(DISPUTE, { k: extra || 'logistics', d: reason }, 'Dispute opened');
  };

  const writable = can('orders:write');
  const title = o ? `${t('Order')} ${o.orderNo}` : t('Order');
  const r = o?.receiver;
  const showClear = r && !r.masked && revealed;

  return (
    <Dialog title={title} onClose={onClose} className="drawer">
      <div className="dialog-body" aria-busy={fetching ? 'true' : 'false'}>
        <ErrorBox error={gqlError(error)} />
        {!fetching && data && !o && <ErrorBox error={t('Order not found')} />}
        {o && (
          <>
            <dl className="facts">
              <dt>{t('Status')}</dt><dd><StatusBadge code={o.status} /> {o.flagged && <span className="flag">⚑ {o.flagReason}</span>}</dd>
              <dt>{t('Created')}</dt><dd>{dateTime(o.createdAt, shop.timezone)}</dd>
              <dt>{t('Paid')}</dt><dd>{yuan(o.paidAmount)} {o.payMethod ? `· ${t(codeLabel(o.payMethod))}` : ''} {o.paidAt ? `· ${dateTime(o.paidAt, shop.timezone)}` : ''}</dd>
              <dt>{t('Amounts')}</dt><dd>{t('Goods')} {yuan(o.goodsAmount)} · {t('Discount')} {yuan(o.discountAmount)} · {t('Shipping')} {yuan(o.shippingFee)}{o.refundedAmount ? ` · ${t('Refunded')} ${yuan(o.refundedAmount)}` : ''}</dd>
              <dt>{t('Buyer')}</dt><dd>{o.buyer.nickname} ({o.buyer.id})</dd>
              <dt>{t('Author')}</dt><dd>{o.author ? `${o.author.nickname} · ${t('Commission')} ${yuan(o.commissionAmount)}` : '—'}</dd>
              <dt>{t('Receiver')}</dt>
              <dd data-testid="receiver">
                {r && (showClear ? `${r.name} · ${r.phone} · ${r.address}` : `${r.masked ? r.name : maskName(r.name)} · ${r.masked ? r.phone : maskPhone(r.phone)} · ${r.masked ? r.address : maskAddress(r.address)}`)}
                {r && ` (${r.province} ${r.city}) `}
                {r && !r.masked && (
                  <button type="button" className="small" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
                    {revealed ? t('Hide') : t('Reveal')}
                  </button>
                )}
                {r?.masked && <span className="hint"> {t('(needs the orders:read_pii scope)')}</span>}
              </dd>
              {o.buyerNote && (<><dt>{t('Buyer note')}</dt><dd>{o.buyerNote}</dd></>)}
              {o.closeReason && (<><dt>{t('Close reason')}</dt><dd>{o.closeReason}</dd></>)}
            </dl>

            <h3>{t('Items')}</h3>
            <ul className="plain">
              {o.items.map((i) => (
                <li key={i.databaseId}>{i.title} {i.sku ? `(${i.sku})` : ''} ×{i.quantity} · {yuan(i.unitPrice)}</li>
              ))}
            </ul>

            {writable && (
              <section className="actions" aria-label={t('Order actions')}>
                <div className="remark">
                  <label htmlFor="remark">{t('Merchant remark')}</label>
                  <input id="remark" value={remark ?? o.merchantRemark ?? ''} onChange={(e) => setRemark(e.target.value)} />
                  <button type="button" onClick={() => void run(REMARK, { r: remark ?? '', v: o.version }, 'Remark saved')}>{t('Save remark')}</button>
                </div>
                <div className="buttons">
                  {o.flagged ? (
                    <button type="button" onClick={() => void run(UNFLAG, { v: o.version }, 'Unflagged')}>{t('Unflag')}</button>
                  ) : (
                    <button type="button" onClick={() => setMode('flag')}>{t('Flag')}</button>
                  )}
                  {o.status === 'PENDING_PAYMENT' && (
                    <>
                      <button type="button" onClick={() => setMode('remind')}>{t('Payment reminder')}</button>
                      <button type="button" onClick={() => setMode('close')}>{t('Close order')}</button>
                    </>
                  )}
                  {can('disputes:write') && (o.status === 'SHIPPED' || o.status === 'COMPLETED') && (
                    <button type="button" onClick={() => { setMode('dispute'); setExtra('logistics'); }}>{t('Open dispute')}</button>
                  )}
                </div>
                {mode && (
                  <form className="inline-form" onSubmit={submitMode}>
                    {mode === 'dispute' && (
                      <>
                        <label htmlFor="act-kind">{t('Kind')}</label>
                        <select id="act-kind" value={extra} onChange={(e) => setExtra(e.target.value)}>
                          <option value="logistics">{t('Logistics')}</option>
                          <option value="malicious_claim">{t('Malicious claim')}</option>
                        </select>
                      </>
                    )}
                    <label htmlFor="act-reason">
                      {t(mode === 'remind' ? 'Coupon code (optional)' : mode === 'dispute' ? 'Description' : 'Reason')}
                    </label>
                    <input id="act-reason" value={reason} required={mode !== 'remind'} onChange={(e) => setReason(e.target.value)} />
                    {mode === 'remind' && (
                      <>
                        <label htmlFor="act-msg">{t('Message (optional)')}</label>
                        <input id="act-msg" value={extra} onChange={(e) => setExtra(e.target.value)} />
                      </>
                    )}
                    <button type="submit" className="primary">{t('Confirm')}</button>
                    <button type="button" onClick={() => setMode(null)}>{t('Cancel')}</button>
                  </form>
                )}
                <ErrorBox error={actionError} />
                {notice && <p role="status" className="ok">{notice}</p>}
              </section>
            )}

            <h3>{t('Timeline')}</h3>
            <ol className="timeline" data-testid="order-timeline">
              {o.timeline.map((e, i) => (
                <li key={i}>
                  <time dateTime={e.createdAt}>{dateTime(e.createdAt, shop.timezone)}</time>{' '}
                  <strong>{t(codeLabel(e.kind))}</strong> <span className="muted">{e.actorType}{e.actorId ? `:${e.actorId}` : ''}</span>
                  {summary(e.data) && <div className="muted small-text">{summary(e.data)}</div>}
                </li>
              ))}
            </ol>

            <h3>{t('Shipments')}</h3>
            {o.shipments.length === 0 ? <p className="muted">{t('None')}</p> : (
              <ul className="plain" data-testid="order-shipments">
                {o.shipments.map((s) => (
                  <li key={s.trackingNo}>{s.carrierCode} {s.trackingNo} · {t('Shipped')} {dateTime(s.shippedAt, shop.timezone)}{s.signedAt ? ` · ${t('Signed')} ${dateTime(s.signedAt, shop.timezone)}` : ''}</li>
                ))}
              </ul>
            )}

            <h3>{t('After-sales')}</h3>
            {o.afterSales.length === 0 ? <p className="muted">{t('None')}</p> : (
              <ul className="plain" data-testid="order-after-sales">
                {o.afterSales.map((a) => (
                  <li key={a.databaseId}>#{a.databaseId} {t(codeLabel(a.type))} · <StatusBadge code={a.status} /> · {yuan(a.amount)} · {a.reason}</li>
                ))}
              </ul>
            )}

            <h3>{t('Disputes')}</h3>
            {o.disputes.length === 0 ? <p className="muted">{t('None')}</p> : (
              <ul className="plain" data-testid="order-disputes">
                {o.disputes.map((d) => (
                  <li key={d.databaseId}>#{d.databaseId} {t(codeLabel(d.kind))} · <StatusBadge code={d.status} />{d.reviewDueAt ? ` · ${t('Due')} ${dateTime(d.reviewDueAt, shop.timezone)}` : ''}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}
