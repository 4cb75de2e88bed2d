// REST (for exports, webhooks, staff, audit, metrics fallbacks, evidence uploads) and the urql
// GraphQL client, sharing one bearer token.
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import { accessToken, logout, refresh } from './auth';

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public body?: unknown,
  ) {
    super(message);
  }
}

let onUnauthorized: () => void = () => undefined;
export const setUnauthorizedHandler = (fn: () => void) => {
  onUnauthorized = fn;
};

const MAX_RETRY_AFTER_S = 15;

async function authorizedFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const send = async (token: string | null) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  let res = await send(await accessToken());
  // Rate limited: the request was refused before it ran (no points spent, nothing done), so one
  // retry after a short Retry-After is safe even for writes; a long wait is shown as an error.
  const wait = Number(res.headers.get('Retry-After'));
  if (res.status === 429 && wait > 0 && wait <= MAX_RETRY_AFTER_S) {
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    res = await send(await accessToken());
  }
  if (res.status === 401) {
    const renewed = await refresh();
    if (renewed) res = await send(renewed.access_token);
    if (res.status === 401) {
      logout();
      onUnauthorized();
    }
  }
  return res;
}

export async function problemOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  const code = String(body?.code ?? body?.error ?? res.status);
  const detail = String(body?.detail ?? body?.title ?? body?.error_description ?? res.statusText);
  return new ApiError(res.status, code, `${detail} (${code})`, body);
}

export async function rest<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('Content-Type', 'application/json');
  const res = await authorizedFetch(path, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export async function restBlob(path: string): Promise<Blob> {
  const res = await authorizedFetch(path);
  if (!res.ok) throw await problemOf(res);
  return res.blob();
}

/** Multipart upload with progress (fetch has no upload progress; XMLHttpRequest does). */
export async function upload<T>(path: string, form: FormData, onProgress: (ratio: number) => void): Promise<T> {
  const token = await accessToken();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
      } else {
        const code = String(body?.code ?? xhr.status);
        reject(new ApiError(xhr.status, code, `${String(body?.detail ?? xhr.statusText)} (${code})`, body));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    xhr.send(form);
  });
}

/**
 * A WebSocket that hands graphql-ws text even when the server sends JSON in binary frames
 * (OrderGate's orjson encoder returns bytes, which Starlette sends as binary; browsers then
 * deliver a Blob and graphql-ws cannot parse it). Text frames pass through unchanged.
 */
export function textFrames(Base: typeof WebSocket): typeof WebSocket {
  const decoder = new TextDecoder();
  return class TextFrameWebSocket extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.binaryType = 'arraybuffer';
    }
    override set onmessage(handler: ((this: WebSocket, ev: MessageEvent) => unknown) | null) {
      super.onmessage = handler && ((ev: MessageEvent) => handler.call(this, typeof ev.data === 'string' ? ev : new MessageEvent('message', { data: decoder.decode(ev.data as ArrayBuffer) })));
    }
    override get onmessage() {
      return super.onmessage;
    }
  };
}

export function makeGraphqlClient(): Client {
  const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    webSocketImpl: textFrames(WebSocket),
    lazy: true,
    retryAttempts: 20,
    connectionParams: async () => ({ authorization: `Bearer ${(await accessToken()) ?? ''}` }),
  });
  return new Client({
    url: '/graphql',
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
    fetch: (input, init) => authorizedFetch(String(input), init),
    // cache-first: GraphQL requests spend the account's rate-limit points (cost ≈ 6 per order row);
    // mutations invalidate cached Order/AfterSale/Dispute results and refreshes ask network-only.
    requestPolicy: 'cache-first',
  });
}

/** The first GraphQL or user error as a message, or null. */
export function gqlError(error: { message: string; graphQLErrors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined): string | null {
  if (!error) return null;
  const first = error.graphQLErrors?.[0];
  if (first) return `${first.message}${first.extensions?.code ? ` (${String(first.extensions.code)})` : ''}`;
  return error.message;
}
