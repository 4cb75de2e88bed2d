// New-order alert: the `orderCreated` subscription (graphql-transport-ws) -> a toast with the
// order number, an optional chime, and a tick that makes the order list re-fetch.
import { useEffect, useRef, useState } from 'react';
import { useSubscription } from 'urql';
import { useI18n } from '../lib/i18n';
import { yuan } from '../lib/format';

const ORDER_CREATED = `
  subscription Live($shopIds: [Int!]!) {
    orderCreated(shopIds: $shopIds) { id databaseId shopId orderNo paidAmount status }
  }
`;

interface Created {
  orderCreated: { id: string; databaseId: number; shopId: number; orderNo: string; paidAmount: number; status: string };
}

function chime() {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.4);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.4);
    osc.onended = () => void ctx.close();
  } catch {
    // No audio device or autoplay refused: the toast is enough.
  }
}

export function LiveOrders({ shopIds, onOrder }: { shopIds: number[]; onOrder: () => void }) {
  const { t } = useI18n();
  const [sound, setSound] = useState(() => localStorage.getItem('og.sound') === '1');
  const [recent, setRecent] = useState<Created['orderCreated'][]>([]);
  const soundRef = useRef(sound);
  soundRef.current = sound;
  // The parent's callback changes identity on every render: keep the latest in a ref so the
  // effect below runs once per subscription event (not once per render, which would loop).
  const onOrderRef = useRef(onOrder);
  onOrderRef.current = onOrder;
  const timer = useRef<number>();
  const [{ data, error }] = useSubscription<Created>({
    query: ORDER_CREATED,
    variables: { shopIds: shopIds.slice(0, 20) },
    pause: shopIds.length === 0,
  });

  useEffect(() => {
    const order = data?.orderCreated;
    if (!order) return;
    setRecent((r) => [order, ...r.filter((o) => o.id !== order.id)].slice(0, 3));
    if (soundRef.current) chime();
    onOrderRef.current();
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setRecent([]), 15_000);
  }, [data]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return (
    <>
      <label className="sound" title={error ? `${t('Live updates unavailable')}: ${error.message}` : undefined}>
        <input
          type="checkbox"
          checked={sound}
          onChange={(e) => {
            setSound(e.target.checked);
            localStorage.setItem('og.sound', e.target.checked ? '1' : '0');
          }}
        />
        {t('Sound')}
        {error ? ' ⚠' : ''}
      </label>
      {recent.length > 0 && (
        <div role="status" aria-live="polite" className="toast" data-testid="new-order-toast">
          <strong>{t('New order')}</strong>
          <ul>
            {recent.map((o) => (
              <li key={o.id} data-order-no={o.orderNo}>
                {o.orderNo} · {yuan(o.paidAmount)}
              </li>
            ))}
          </ul>
          <button type="button" className="icon" aria-label={t('Dismiss')} onClick={() => setRecent([])}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
