import { describe, expect, it } from 'vitest';
import { initialLang, makeT, translate } from '../src/lib/i18n';
import { zh } from '../src/lib/zh';

describe('dictionary i18n', () => {
  it('translates, interpolates and falls back to the English key', () => {
    const t = makeT('zh', { zh: { Orders: '订单', 'Page {n}': '第 {n} 页' } });
    expect(t('Orders')).toBe('订单');
    expect(t('Page {n}', { n: 3 })).toBe('第 3 页');
    expect(t('Not translated yet')).toBe('Not translated yet');
    expect(t('{ok} shipped', { ok: 2 })).toBe('2 shipped');
    expect(translate({}, 'keep {missing}', { other: 1 })).toBe('keep {missing}');
  });

  it('English is the identity', () => {
    expect(makeT('en')('Batch ship')).toBe('Batch ship');
  });

  it('starts in English unless Chinese was chosen', () => {
    expect(initialLang(null)).toBe('en');
    expect(initialLang('zh')).toBe('zh');
    expect(initialLang('fr')).toBe('en');
  });

  it('the Chinese dictionary covers the navigation and keeps placeholders', () => {
    for (const key of ['Orders', 'After-sales', 'Disputes', 'Dashboard', 'Exports', 'Webhooks', 'Staff', 'Audit log']) {
      expect(zh[key], key).toBeTruthy();
    }
    for (const [key, value] of Object.entries(zh)) {
      const wanted = (key.match(/\{\w+\}/g) ?? []).sort();
      expect((value.match(/\{\w+\}/g) ?? []).sort(), key).toEqual(wanted);
    }
  });
});
