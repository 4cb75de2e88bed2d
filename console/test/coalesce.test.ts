import { describe, expect, it } from 'vitest';
import { coalesce } from '../src/lib/coalesce';

function fakeClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; f: () => void }>();
  return {
    now: () => now,
    setTimeout: (f: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, f });
      return id;
    },
    clearTimeout: (id: number) => void timers.delete(id),
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(id);
          t.f();
        }
      }
    },
    pending: () => timers.size,
  };
}

describe('coalesce', () => {
  it('runs the first trigger at once and folds a burst into one trailing run', () => {
    const clock = fakeClock();
    let runs = 0;
    const c = coalesce(() => runs++, 10_000, clock);
    c.trigger();
    expect(runs).toBe(1);
    for (let i = 0; i < 50; i++) {
      clock.advance(100);
      c.trigger();
    }
    expect(runs).toBe(1);
    expect(clock.pending()).toBe(1);
    clock.advance(10_000);
    expect(runs).toBe(2);
    expect(clock.pending()).toBe(0);
  });

  it('runs at once again after a quiet interval, and cancel drops the trailing run', () => {
    const clock = fakeClock();
    let runs = 0;
    const c = coalesce(() => runs++, 1_000, clock);
    c.trigger();
    clock.advance(1_500);
    c.trigger();
    expect(runs).toBe(2);
    c.trigger();
    c.cancel();
    clock.advance(5_000);
    expect(runs).toBe(2);
  });
});
