// Login: authorization code + PKCE against OrderGate's own /oauth endpoints (CONSOLE.md).
// The verifier and state live in sessionStorage for the round trip; tokens in memory and
// sessionStorage (a tab's session; closing the tab logs out).
import type { OAuthError, TokenResponse } from './schemas';
import { buildAuthorizeUrl, challengeS256, parseCallback, randomState, randomVerifier } from './pkce';

export const CLIENT_ID: string = import.meta.env.VITE_OAUTH_CLIENT_ID || 'ordergate-console';
export const SCOPES = [
  'orders:read', 'orders:read_pii', 'orders:write', 'after_sales:read', 'after_sales:write',
  'disputes:write', 'changes:read', 'webhooks:manage', 'exports', 'metrics:read',
  'staff:manage', 'audit:read',
].join(' ');

export const BASE = '/console/';
const K = { verifier: 'og.pkce.verifier', state: 'og.pkce.state', tokens: 'og.tokens', back: 'og.back' };

export interface Tokens {
  access_token: string;
  refresh_token?: string;
  expires_at: number;
  scope?: string;
}

let tokens: Tokens | null = null;
let refreshing: Promise<Tokens | null> | null = null;

export const redirectUri = () => `${window.location.origin}${BASE}callback`;

export function loadTokens(): Tokens | null {
  if (tokens) return tokens;
  try {
    const raw = sessionStorage.getItem(K.tokens);
    tokens = raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    tokens = null;
  }
  return tokens;
}

function saveTokens(body: TokenResponse): Tokens {
  tokens = {
    access_token: body.access_token,
    refresh_token: body.refresh_token,
    expires_at: Date.now() + body.expires_in * 1000,
    scope: body.scope,
  };
  sessionStorage.setItem(K.tokens, JSON.stringify(tokens));
  return tokens;
}

/** Forgets the tokens; `revoke` also ends the grant server-side (the refresh token's family). */
export function logout(revoke = false): void {
  const refreshToken = loadTokens()?.refresh_token;
  tokens = null;
  sessionStorage.removeItem(K.tokens);
  if (revoke && refreshToken) {
    void fetch('/oauth/revoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshToken, client_id: CLIENT_ID }),
      keepalive: true,
    }).catch(() => undefined);
  }
}

export async function startLogin(): Promise<void> {
  const verifier = randomVerifier();
  const state = randomState();
  sessionStorage.setItem(K.verifier, verifier);
  sessionStorage.setItem(K.state, state);
  const path = window.location.pathname;
  sessionStorage.setItem(K.back, path.endsWith('/callback') ? BASE : path + window.location.search);
  window.location.assign(
    buildAuthorizeUrl({
      authorizeUrl: '/oauth/authorize',
      clientId: CLIENT_ID,
      redirectUri: redirectUri(),
      scope: SCOPES,
      state,
      challenge: await challengeS256(verifier),
    }),
  );
}

async function tokenRequest(form: Record<string, string>): Promise<Tokens> {
  const res = await fetch('/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form, client_id: CLIENT_ID }),
  });
  const body = (await res.json().catch(() => ({}))) as TokenResponse | OAuthError;
  if (!res.ok || !('access_token' in body)) {
    const failed = body as Partial<OAuthError>;
    throw new Error(String(failed.error_description ?? failed.error ?? res.statusText));
  }
  return saveTokens(body);
}

const completing = new Map<string, Promise<string>>();

/** Finishes the login on /console/callback; returns the path to go back to. Idempotent per
 * callback URL: a code works once, and React may run the calling effect twice. */
export function completeLogin(search: string): Promise<string> {
  let pending = completing.get(search);
  if (!pending) {
    pending = exchangeCallback(search);
    completing.set(search, pending);
  }
  return pending;
}

async function exchangeCallback(search: string): Promise<string> {
  const verifier = sessionStorage.getItem(K.verifier);
  const result = parseCallback(search, sessionStorage.getItem(K.state));
  sessionStorage.removeItem(K.state);
  sessionStorage.removeItem(K.verifier);
  if (!result.ok) throw new Error(result.description ?? result.error);
  if (!verifier) throw new Error('missing PKCE verifier');
  await tokenRequest({
    grant_type: 'authorization_code',
    code: result.code,
    redirect_uri: redirectUri(),
    code_verifier: verifier,
  });
  const back = sessionStorage.getItem(K.back) ?? BASE;
  sessionStorage.removeItem(K.back);
  return back;
}

/** One refresh at a time (rotation: a second concurrent refresh would waste the grace window). */
export function refresh(): Promise<Tokens | null> {
  const current = loadTokens();
  if (!current?.refresh_token) return Promise.resolve(null);
  refreshing ??= tokenRequest({ grant_type: 'refresh_token', refresh_token: current.refresh_token })
    .catch(() => {
      logout();
      return null;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** A valid access token, refreshed a minute before expiry. */
export async function accessToken(): Promise<string | null> {
  const current = loadTokens();
  if (!current) return null;
  if (current.expires_at - Date.now() < 60_000) return (await refresh())?.access_token ?? null;
  return current.access_token;
}
