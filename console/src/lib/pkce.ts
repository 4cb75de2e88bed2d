// OAuth 2.1 authorization code + PKCE (S256) helpers: pure functions, unit-tested.

const VERIFIER_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A code verifier of `length` (43..128, RFC 7636) unreserved characters. */
export function randomVerifier(length = 64): string {
  if (length < 43 || length > 128) throw new RangeError('verifier length must be 43..128');
  // Rejection sampling: 256 % 66 != 0, so bytes >= 198 would bias the first characters.
  const limit = 256 - (256 % VERIFIER_CHARS.length);
  let out = '';
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length))) {
      if (b < limit && out.length < length) out += VERIFIER_CHARS[b % VERIFIER_CHARS.length];
    }
  }
  return out;
}

export function randomState(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

export async function challengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export interface AuthorizeParams {
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  challenge: string;
}

export function buildAuthorizeUrl(p: AuthorizeParams): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    scope: p.scope,
    state: p.state,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
  });
  return `${p.authorizeUrl}?${q.toString()}`;
}

export type CallbackResult =
  | { ok: true; code: string }
  | { ok: false; error: string; description?: string };

/** Reads `?code&state` (or `?error`) and checks that `state` is the one we sent. */
export function parseCallback(search: string, expectedState: string | null): CallbackResult {
  const q = new URLSearchParams(search);
  const state = q.get('state');
  if (!expectedState || state !== expectedState) return { ok: false, error: 'state_mismatch' };
  const error = q.get('error');
  if (error) return { ok: false, error, description: q.get('error_description') ?? undefined };
  const code = q.get('code');
  if (!code) return { ok: false, error: 'missing_code' };
  return { ok: true, code };
}
