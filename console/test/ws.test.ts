import { describe, expect, it } from 'vitest';
import { textFrames } from '../src/lib/api';

/** Enough of a browser WebSocket for the wrapper: an onmessage accessor and binaryType. */
class FakeSocket {
  binaryType = 'blob';
  private handler: ((ev: MessageEvent) => unknown) | null = null;
  constructor(public url: string, public protocols?: string | string[]) {}
  set onmessage(h: ((ev: MessageEvent) => unknown) | null) {
    this.handler = h;
  }
  get onmessage() {
    return this.handler;
  }
  deliver(data: unknown) {
    this.handler?.(new MessageEvent('message', { data }));
  }
}

describe('graphql-ws socket wrapper', () => {
  it('decodes binary JSON frames to text and passes text frames through', () => {
    const Socket = textFrames(FakeSocket as unknown as typeof WebSocket);
    const ws = new Socket('ws://x/graphql', 'graphql-transport-ws') as unknown as FakeSocket;
    expect(ws.binaryType).toBe('arraybuffer');
    const seen: unknown[] = [];
    (ws as unknown as WebSocket).onmessage = (ev) => seen.push(ev.data);
    ws.deliver(new TextEncoder().encode('{"type":"connection_ack","payload":{"x":"订单"}}').buffer);
    ws.deliver('{"type":"next"}');
    expect(seen).toEqual(['{"type":"connection_ack","payload":{"x":"订单"}}', '{"type":"next"}']);
  });
});
