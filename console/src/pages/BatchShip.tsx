import { useState } from 'react';
import { useClient } from 'urql';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { gqlError } from '../lib/api';
import { parseShipments, prefillShipments } from '../lib/csv';
import { Dialog, ErrorBox } from '../components/ui';
import type { OrderRow } from './Orders';

const BATCH_SHIP = `
  mutation BatchShip($shop: Int!, $shipments: [BatchShipEntryInput!]!, $key: String) {
    batchShip(shopId: $shop, shipments: $shipments, idempotencyKey: $key) {
      succeeded failed
      results { orderId ok order { id databaseId status version trackingNumbers } error { code message } }
      userErrors { code message }
    }
  }
`;

const ORDER_BY_NO = `
  query OrderByNo($shop: Int!, $no: String!) { shop(id: $shop) { id order(orderNo: $no) { id databaseId } } }
`;

interface Outcome {
  key: string;
  orderNo: string;
  ok: boolean;
  message: string;
}

interface BatchData {
  batchShip: {
    succeeded: number;
    failed: number;
    results: { orderId: number | null; ok: boolean; error: { code: string; message: string } | null }[];
    userErrors: { code: string; message: string }[];
  };
}

export function BatchShipDialog({ selected, onClose, onDone }: { selected: OrderRow[]; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { shop } = useSession();
  const client = useClient();
  const [text, setText] = useState(() => prefillShipments(selected.map((o) => o.orderNo)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  const ship = async () => {
    setBusy(true);
    setError(null);
    const { entries, errors } = parseShipments(text);
    const results: Outcome[] = errors.map((e) => ({
      key: `l${e.line}`,
      orderNo: e.orderNo,
      ok: false,
      message: t(e.error === 'duplicate_order' ? 'Line {n}: order listed twice' : 'Line {n}: needs order_no, carrier and tracking_no', { n: e.line }),
    }));
    try {
      // Pasted order numbers may be off this page: resolve them (one small query each).
      const known = new Map(selected.map((o) => [o.orderNo, o.databaseId]));
      const resolved: { orderNo: string; line: number; id: number; carrier: string; trackingNo: string }[] = [];
      for (const e of entries) {
        let id = known.get(e.orderNo);
        if (id === undefined) {
          const r = await client.query(ORDER_BY_NO, { shop: shop.id, no: e.orderNo }, { requestPolicy: 'network-only' }).toPromise();
          id = (r.data as { shop: { order: { databaseId: number } | null } | null } | undefined)?.shop?.order?.databaseId;
        }
        if (id === undefined) results.push({ key: `l${e.line}`, orderNo: e.orderNo, ok: false, message: t('Order not found') });
        else resolved.push({ ...e, id });
      }
      if (resolved.length > 0) {
        const r = await client
          .mutation<BatchData>(BATCH_SHIP, {
            shop: shop.id,
            shipments: resolved.map((e) => ({ orderId: e.id, carrier: e.carrier, trackingNo: e.trackingNo })),
            key: `batch-${crypto.randomUUID()}`,
          })
          .toPromise();
        const payload = r.data?.batchShip;
        if (!payload) throw new Error(gqlError(r.error) ?? 'batch ship failed');
        if (payload.userErrors.length) throw new Error(payload.userErrors.map((u) => u.message).join('; '));
        // Results come back at the same positions as the entries sent.
        payload.results.forEach((res, i) => {
          const e = resolved[i];
          results.push({
            key: `l${e.line}`,
            orderNo: e.orderNo,
            ok: res.ok,
            message: res.ok ? t('Shipped with {carrier} {tracking}', { carrier: e.carrier, tracking: e.trackingNo }) : `${res.error?.message ?? ''} (${res.error?.code ?? ''})`,
          });
        });
        onDone();
      }
    } catch (e) {
      setError((e as Error).message);
    }
    setOutcomes(results.sort((a, b) => Number(a.key.slice(1)) - Number(b.key.slice(1))));
    setBusy(false);
  };

  const okCount = outcomes.filter((o) => o.ok).length;
  return (
    <Dialog title={t('Batch ship')} onClose={onClose}>
      <div className="dialog-body" aria-busy={busy ? 'true' : 'false'}>
        <label htmlFor="batch-text">{t('Shipments (order_no,carrier,tracking_no per line)')}</label>
        <textarea id="batch-text" rows={8} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
        <p className="hint">{t('Paste from a spreadsheet: comma or tab separated; a header line is skipped.')}</p>
        <ErrorBox error={error} />
        {outcomes.length > 0 && (
          <>
            <p role="status">{t('{ok} shipped, {failed} failed', { ok: okCount, failed: outcomes.length - okCount })}</p>
            <ul className="results">
              {outcomes.map((o) => (
                <li key={o.key} data-testid="batch-result" data-order-no={o.orderNo} data-outcome={o.ok ? 'ok' : 'error'} className={o.ok ? 'ok' : 'bad'}>
                  <strong>{o.orderNo || '—'}</strong> {o.ok ? '✓' : '✗'} {o.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <footer className="dialog-foot">
        <button type="button" onClick={onClose}>{t('Close')}</button>
        <button type="button" className="primary" disabled={busy} onClick={() => void ship()}>{t('Ship')}</button>
      </footer>
    </Dialog>
  );
}
