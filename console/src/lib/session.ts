// What the signed-in token can see: account, shops and per-shop scopes (REST /v1/me has the
// per-shop scopes; GraphQL's `me` only the granted ones).
import { createContext, useContext } from 'react';

import type { Me, ShopAccess } from './schemas';

export type ShopInfo = ShopAccess;
export type MeInfo = Me;

export interface Session {
  me: MeInfo;
  shop: ShopInfo;
  setShopId: (id: number) => void;
  can: (scope: string) => boolean;
  /** Bumped by the live new-order subscription: lists re-fetch when it changes. */
  liveTick: number;
  navigate: (path: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in shell');
  return s;
}
