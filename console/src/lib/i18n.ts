// Dictionary i18n: English text is the key; other languages map it, missing entries fall back
// to English (so a forgotten translation shows English, never a blank or a key name).
import { createContext, useContext } from 'react';
import { zh } from './zh';

export type Lang = 'en' | 'zh';
export type Dict = Record<string, string>;

const DICTS: Record<Lang, Dict> = { en: {}, zh };

export function translate(dict: Dict, key: string, vars?: Record<string, string | number>): string {
  const text = dict[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function makeT(lang: Lang, dicts: Record<string, Dict> = DICTS) {
  const dict = dicts[lang] ?? {};
  return (key: string, vars?: Record<string, string | number>) => translate(dict, key, vars);
}

export type T = ReturnType<typeof makeT>;

/** The stored choice, else English (deterministic for screenshots and browser tests). */
export function initialLang(stored: string | null): Lang {
  return stored === 'zh' ? 'zh' : 'en';
}

export const I18nContext = createContext<{ lang: Lang; t: T; setLang: (l: Lang) => void }>({
  lang: 'en',
  t: makeT('en'),
  setLang: () => undefined,
});

export const useI18n = () => useContext(I18nContext);
