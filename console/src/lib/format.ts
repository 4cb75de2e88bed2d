// Display formatters (pure; money is integer fen in the API).

export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const int = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${int}.${String(abs % 100).padStart(2, '0')}`;
}

export function percent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function hours(h: number | null | undefined): string {
  return h === null || h === undefined ? '—' : `${h.toFixed(1)} h`;
}

/** Relative change of `current` vs `previous`; null when it is undefined (no base). */
export function change(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / Math.abs(previous);
}

export function signedPercent(ratio: number | null): string {
  if (ratio === null) return '—';
  const p = (ratio * 100).toFixed(1);
  return ratio > 0 ? `+${p}%` : `${p}%`;
}

/** An RFC 3339 instant shown in the shop's timezone as `YYYY-MM-DD HH:MM`. */
export function dateTime(iso: string | null | undefined, timeZone = 'Asia/Shanghai'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Today's date (YYYY-MM-DD) in a timezone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Quick ranges as inclusive day pairs: today, last 7 and last 30 days (today included). */
export function quickRange(kind: 'today' | '7d' | '30d', today: string): { from: string; to: string } {
  const span = kind === 'today' ? 0 : kind === '7d' ? 6 : 29;
  return { from: addDays(today, -span), to: today };
}

/** Midnight of a shop-local date as an RFC 3339 UTC instant (whole-hour offsets and DST-safe). */
export function zonedMidnight(date: string, timeZone: string): string {
  const guess = new Date(`${date}T00:00:00Z`);
  const local = new Date(guess.toLocaleString('en-US', { timeZone }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  const offset = local.getTime() - utc.getTime();
  return new Date(guess.getTime() - offset).toISOString().replace('.000Z', 'Z');
}

/** Client-side masking, the same rules as app/kit/masking.py (张*, 138****1234, 6 chars + ****). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length ? chars[0] + '*'.repeat(Math.max(chars.length - 1, 1)) : name;
}
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
export function maskAddress(address: string): string {
  const chars = [...address];
  return chars.length > 6 ? `${chars.slice(0, 6).join('')}****` : '****';
}

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
