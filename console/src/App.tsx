import { Suspense, lazy, useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { Provider } from 'urql';
import { completeLogin, loadTokens, logout, startLogin, BASE } from './lib/auth';
import { makeGraphqlClient, rest, setUnauthorizedHandler } from './lib/api';
import { I18nContext, initialLang, makeT, useI18n, type Lang } from './lib/i18n';
import { SessionContext, type MeInfo, type Session } from './lib/session';
import { ErrorBox } from './components/ui';
import { LiveOrders } from './components/LiveOrders';
import { OrdersPage } from './pages/Orders';
import { AfterSalesPage } from './pages/AfterSales';
import { DisputesPage } from './pages/Disputes';
import { ExportsPage } from './pages/Exports';
import { WebhooksPage } from './pages/Webhooks';
import { StaffPage } from './pages/Staff';
import { AuditPage } from './pages/Audit';

// ECharts is most of the bytes: only the dashboard loads it.
const DashboardPage = lazy(() => import('./pages/Dashboard').then((m) => ({ default: m.DashboardPage })));

const NAV: { path: string; label: string; scope?: string }[] = [
  { path: 'orders', label: 'Orders' },
  { path: 'after-sales', label: 'After-sales' },
  { path: 'disputes', label: 'Disputes' },
  { path: 'dashboard', label: 'Dashboard' },
  { path: 'exports', label: 'Exports', scope: 'exports' },
  { path: 'webhooks', label: 'Webhooks', scope: 'webhooks:manage' },
  { path: 'staff', label: 'Staff', scope: 'staff:manage' },
  { path: 'audit', label: 'Audit log', scope: 'audit:read' },
];

const routeOf = (pathname: string) =>
  pathname.startsWith(BASE) ? pathname.slice(BASE.length).replace(/\/$/, '') : '';

export function Root() {
  const [lang, setLangState] = useState<Lang>(() => initialLang(localStorage.getItem('og.lang')));
  const i18n = useMemo(
    () => ({
      lang,
      t: makeT(lang),
      setLang: (l: Lang) => {
        localStorage.setItem('og.lang', l);
        setLangState(l);
      },
    }),
    [lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <I18nContext.Provider value={i18n}>
      <Gate />
    </I18nContext.Provider>
  );
}

/** Signs in (PKCE) when there is no token, finishes the callback, then shows the shell. */
function Gate() {
  const { t } = useI18n();
  const [route, setRoute] = useState(() => routeOf(window.location.pathname));
  const [signedIn, setSignedIn] = useState(() => Boolean(loadTokens()));
  const [error, setError] = useState<string | null>(null);
  const [loggedOut, setLoggedOut] = useState(false);

  useEffect(() => {
    const onPop = () => setRoute(routeOf(window.location.pathname));
    window.addEventListener('popstate', onPop);
    setUnauthorizedHandler(() => setSignedIn(false));
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((path: string) => {
    window.history.pushState(null, '', BASE + path);
    setRoute(routeOf(window.location.pathname));
  }, []);

  useEffect(() => {
    if (route !== 'callback') return;
    let cancelled = false;
    completeLogin(window.location.search)
      .then((back) => {
        if (cancelled) return;
        window.history.replaceState(null, '', back);
        setRoute(routeOf(back));
        setSignedIn(true);
      })
      .catch((e: Error) => !cancelled && setError(`${t('Sign-in failed')}: ${e.message}`));
    return () => {
      cancelled = true;
    };
  }, [route, t]);

  // No token: go straight to OrderGate's login (unless the user just signed out or it failed).
  useEffect(() => {
    if (!signedIn && route !== 'callback' && !loggedOut && !error) void startLogin();
  }, [signedIn, route, loggedOut, error]);

  if (route === 'callback' || !signedIn) {
    return (
      <main className="login" aria-busy={!error && !loggedOut ? 'true' : 'false'}>
        <h1>OrderGate</h1>
        <ErrorBox error={error} />
        {error || loggedOut ? (
          <button type="button" className="primary" onClick={() => void startLogin()}>
            {t('Sign in')}
          </button>
        ) : (
          <p>{t('Signing in…')}</p>
        )}
      </main>
    );
  }
  return (
    <Shell
      route={route}
      navigate={navigate}
      onLogout={() => {
        logout(true);
        setLoggedOut(true);
        setSignedIn(false);
      }}
    />
  );
}

function Shell({ route, navigate, onLogout }: { route: string; navigate: (p: string) => void; onLogout: () => void }) {
  const { t, lang, setLang } = useI18n();
  const client = useMemo(() => makeGraphqlClient(), []);
  const [me, setMe] = useState<MeInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shopId, setShopIdState] = useState<number | null>(() => Number(sessionStorage.getItem('og.shop')) || null);
  const [liveTick, setLiveTick] = useState(0);
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    rest<MeInfo>('/v1/me')
      .then(setMe)
      .catch((e: Error) => setError(e.message));
  }, []);

  const setShopId = useCallback((id: number) => {
    sessionStorage.setItem('og.shop', String(id));
    setShopIdState(id);
  }, []);

  const session: Session | null = useMemo(() => {
    if (!me || me.shops.length === 0) return null;
    const shop = me.shops.find((s) => s.id === shopId) ?? me.shops[0];
    return {
      me,
      shop,
      setShopId,
      can: (scope: string) => shop.scopes.includes(scope),
      liveTick,
      navigate,
    };
  }, [me, shopId, setShopId, liveTick, navigate]);

  if (error) return <main className="login"><ErrorBox error={error} /></main>;
  if (!me) return <main className="login" aria-busy="true"><p>{t('Loading…')}</p></main>;
  if (!session) return <main className="login"><ErrorBox error={t('This token grants no shop.')} /></main>;

  const page = route === '' ? 'orders' : route;
  const go = (e: MouseEvent<HTMLAnchorElement>, path: string) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    setMenuOpen(false);
    navigate(path);
  };
  const visibleNav = NAV.filter((n) => !n.scope || session.can(n.scope));

  return (
    <Provider value={client}>
      <SessionContext.Provider value={session}>
        <a className="skip" href="#main">{t('Skip to content')}</a>
        <header className="top">
          <span className="brand">OrderGate</span>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="nav"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            {t('Menu')}
          </button>
          <nav id="nav" aria-label={t('Main')} className={menuOpen ? 'open' : ''}>
            {visibleNav.map((n) => (
              <a
                key={n.path}
                href={BASE + n.path}
                aria-current={page === n.path ? 'page' : undefined}
                onClick={(e) => go(e, n.path)}
              >
                {t(n.label)}
              </a>
            ))}
          </nav>
          <div className="top-tools">
            <label className="sr-only" htmlFor="shop-switcher">{t('Shop')}</label>
            <select
              id="shop-switcher"
              data-testid="shop-switcher"
              value={session.shop.id}
              onChange={(e) => setShopId(Number(e.target.value))}
            >
              {me.shops.map((s) => (
                <option key={s.id} value={s.id}>{s.name}</option>
              ))}
            </select>
            <button type="button" data-testid="lang-toggle" onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}>
              {lang === 'en' ? '中文' : 'English'}
            </button>
            <LiveOrders
              shopIds={me.shops.filter((s) => s.scopes.includes('orders:read')).map((s) => s.id)}
              onOrder={() => setLiveTick((n) => n + 1)}
            />
            <button type="button" onClick={onLogout}>{t('Sign out')}</button>
          </div>
        </header>
        <main id="main" tabIndex={-1} key={session.shop.id}>
          {page === 'orders' && <OrdersPage />}
          {page === 'after-sales' && <AfterSalesPage />}
          {page === 'disputes' && <DisputesPage />}
          {page === 'dashboard' && (
            <Suspense fallback={<p aria-busy="true">{t('Loading…')}</p>}>
              <DashboardPage />
            </Suspense>
          )}
          {page === 'exports' && <ExportsPage />}
          {page === 'webhooks' && <WebhooksPage />}
          {page === 'staff' && <StaffPage />}
          {page === 'audit' && <AuditPage />}
          {!NAV.some((n) => n.path === page) && <ErrorBox error={t('Page not found')} />}
        </main>
      </SessionContext.Provider>
    </Provider>
  );
}
