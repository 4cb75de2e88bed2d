import { describe, expect, it } from 'vitest';
import { base64url, buildAuthorizeUrl, challengeS256, parseCallback, randomState, randomVerifier } from '../src/lib/pkce';

describe('PKCE', () => {
  it('computes the RFC 7636 appendix B challenge', async () => {
    expect(await challengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of unreserved characters and the asked length', () => {
    for (const n of [43, 64, 128]) {
      const v = randomVerifier(n);
      expect(v).toHaveLength(n);
      expect(v).toMatch(/^[A-Za-z0-9\-._~]+$/);
    }
    expect(randomVerifier()).not.toBe(randomVerifier());
    expect(() => randomVerifier(42)).toThrow(RangeError);
    expect(() => randomVerifier(129)).toThrow(RangeError);
  });

  it('base64url has no padding or +/', () => {
    expect(base64url(new Uint8Array([251, 255, 191]))).toBe('-_-_');
    expect(base64url(new Uint8Array([1]))).toBe('AQ');
    expect(randomState()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('builds the authorize URL with S256', () => {
    const url = new URL(
      buildAuthorizeUrl({
        authorizeUrl: 'http://127.0.0.1:8000/oauth/authorize',
        clientId: 'ordergate-console',
        redirectUri: 'http://127.0.0.1:8000/console/callback',
        scope: 'orders:read metrics:read',
        state: 'st',
        challenge: 'ch',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'ordergate-console',
      redirect_uri: 'http://127.0.0.1:8000/console/callback',
      scope: 'orders:read metrics:read',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('accepts only the callback whose state we sent', () => {
    expect(parseCallback('?code=ogac_1&state=abc', 'abc')).toEqual({ ok: true, code: 'ogac_1' });
    expect(parseCallback('?code=ogac_1&state=evil', 'abc')).toEqual({ ok: false, error: 'state_mismatch' });
    expect(parseCallback('?code=ogac_1&state=abc', null)).toEqual({ ok: false, error: 'state_mismatch' });
    expect(parseCallback('?error=access_denied&state=abc', 'abc')).toEqual({ ok: false, error: 'access_denied', description: undefined });
    expect(parseCallback('?state=abc', 'abc')).toEqual({ ok: false, error: 'missing_code' });
  });
});
