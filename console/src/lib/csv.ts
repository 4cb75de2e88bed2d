// Batch-ship paste parser: one `order_no,carrier,tracking_no` per line. Accepts commas, tabs
// (pasted from a spreadsheet) or Chinese commas, a header line, blank lines and quotes.

export interface ShipLine {
  line: number;
  orderNo: string;
  carrier: string;
  trackingNo: string;
}

export interface ShipLineError {
  line: number;
  orderNo: string;
  error: 'missing_fields' | 'duplicate_order';
}

export interface ParsedShipments {
  entries: ShipLine[];
  errors: ShipLineError[];
}

const HEADER = /^\s*"?(order_?no|订单编号|订单号)"?\s*[,\t，]/i;

function splitCells(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (ch === ',' || ch === '\t' || ch === '，') {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

export function parseShipments(text: string): ParsedShipments {
  const entries: ShipLine[] = [];
  const errors: ShipLineError[] = [];
  const seen = new Set<string>();
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim() || (entries.length === 0 && errors.length === 0 && HEADER.test(raw))) return;
    const [orderNo = '', carrier = '', trackingNo = ''] = splitCells(raw);
    if (!orderNo || !carrier || !trackingNo) {
      errors.push({ line, orderNo, error: 'missing_fields' });
    } else if (seen.has(orderNo)) {
      errors.push({ line, orderNo, error: 'duplicate_order' });
    } else {
      seen.add(orderNo);
      entries.push({ line, orderNo, carrier, trackingNo });
    }
  });
  return { entries, errors };
}

/** The dialog's starting text: one line per selected order, carrier and tracking to fill in. */
export const prefillShipments = (orderNos: string[]): string =>
  orderNos.map((no) => `${no},`).join('\n');
