// The Orders filter bar's state and its mapping onto GraphQL's OrderFilterInput (which mirrors
// every REST filter). Select values are the REST codes (`paid`); GraphQL enums are upper case.
import { addDays, zonedMidnight } from './format';

export interface OrderFilterForm {
  status: string;
  payStatus: string;
  payMethod: string;
  afterSaleStatus: string;
  trafficSource: string;
  flagged: '' | 'true' | 'false';
  hasAfterSale: '' | 'true' | 'false';
  orderNo: string;
  buyerId: string;
  buyerNickname: string;
  productId: string;
  authorId: string;
  province: string;
  trackingNo: string;
  minPaid: string;
  maxPaid: string;
  createdFrom: string;
  createdTo: string;
  updatedFrom: string;
  updatedTo: string;
  sort: string;
}

export const emptyFilters = (): OrderFilterForm => ({
  status: '', payStatus: '', payMethod: '', afterSaleStatus: '', trafficSource: '',
  flagged: '', hasAfterSale: '', orderNo: '', buyerId: '', buyerNickname: '', productId: '',
  authorId: '', province: '', trackingNo: '', minPaid: '', maxPaid: '',
  createdFrom: '', createdTo: '', updatedFrom: '', updatedTo: '', sort: 'CREATED_AT_DESC',
});

export const ORDER_STATUSES = ['pending_payment', 'paid', 'partially_shipped', 'shipped', 'completed', 'closed'];
export const PAY_STATUSES = ['unpaid', 'paid', 'partially_refunded', 'refunded'];
export const PAY_METHODS = ['douyin_pay', 'alipay', 'wechat_pay'];
export const AFTER_SALE_STATUSES = ['requested', 'approved', 'rejected', 'awaiting_return', 'returned', 'refunded', 'exchanged', 'closed'];
export const TRAFFIC_SOURCES = ['live_room', 'short_video', 'product_card', 'search', 'other'];
export const SORTS = ['CREATED_AT_DESC', 'CREATED_AT_ASC', 'PAID_AMOUNT_DESC', 'UPDATED_AT_DESC'];

export class FilterError extends Error {
  constructor(public field: keyof OrderFilterForm, message: string) {
    super(message);
  }
}

function int(form: OrderFilterForm, field: keyof OrderFilterForm): number | undefined {
  const raw = form[field].trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw)) throw new FilterError(field, 'must be a whole number');
  return Number(raw);
}

/** Yuan as typed (`129.9`) to integer fen. */
function fen(form: OrderFilterForm, field: keyof OrderFilterForm): number | undefined {
  const raw = form[field].trim();
  if (!raw) return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(raw)) throw new FilterError(field, 'must be an amount like 129.90');
  return Math.round(Number(raw) * 100);
}

const upper = (v: string) => (v ? [v.toUpperCase()] : undefined);
const text = (v: string) => v.trim() || undefined;
const bool = (v: string) => (v === '' ? undefined : v === 'true');

/** Date inputs are whole shop-local days, both inclusive -> half-open instants. */
function dayStart(date: string, tz: string) {
  return date ? zonedMidnight(date, tz) : undefined;
}
function dayEnd(date: string, tz: string) {
  return date ? zonedMidnight(addDays(date, 1), tz) : undefined;
}

export function toOrderFilter(form: OrderFilterForm, timeZone: string): Record<string, unknown> {
  const filter: Record<string, unknown> = {
    status: upper(form.status),
    payStatus: upper(form.payStatus),
    payMethod: upper(form.payMethod),
    afterSaleStatus: upper(form.afterSaleStatus),
    trafficSource: upper(form.trafficSource),
    flagged: bool(form.flagged),
    hasAfterSale: bool(form.hasAfterSale),
    orderNo: text(form.orderNo),
    buyerId: text(form.buyerId),
    buyerNickname: text(form.buyerNickname),
    productId: int(form, 'productId'),
    authorId: int(form, 'authorId'),
    province: text(form.province),
    trackingNo: text(form.trackingNo),
    minPaid: fen(form, 'minPaid'),
    maxPaid: fen(form, 'maxPaid'),
    createdFrom: dayStart(form.createdFrom, timeZone),
    createdTo: dayEnd(form.createdTo, timeZone),
    updatedFrom: dayStart(form.updatedFrom, timeZone),
    updatedTo: dayEnd(form.updatedTo, timeZone),
  };
  if (form.createdFrom && form.createdTo && form.createdTo < form.createdFrom) {
    throw new FilterError('createdTo', 'is before Created from');
  }
  for (const k of Object.keys(filter)) if (filter[k] === undefined) delete filter[k];
  return filter;
}
