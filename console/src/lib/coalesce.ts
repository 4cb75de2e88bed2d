// Live refreshes cost rate-limit points (the order list is ~120 per load), and a busy shop can
// create several orders a second. `coalesce` runs the first trigger at once and folds every
// trigger inside the next `intervalMs` into one trailing run, so a burst of new orders costs at
// most one reload per interval and the list still ends up current.
export interface Coalesced {
  trigger: () => void;
  cancel: () => void;
}

export function coalesce(
  run: () => void,
  intervalMs: number,
  clock: { now: () => number; setTimeout: (f: () => void, ms: number) => number; clearTimeout: (id: number) => void } = {
    now: () => Date.now(),
    setTimeout: (f, ms) => window.setTimeout(f, ms),
    clearTimeout: (id) => window.clearTimeout(id),
  },
): Coalesced {
  let lastRun = Number.NEGATIVE_INFINITY;
  let pending: number | null = null;
  const fire = () => {
    pending = null;
    lastRun = clock.now();
    run();
  };
  return {
    trigger() {
      if (pending !== null) return; // a trailing run is already booked
      const wait = lastRun + intervalMs - clock.now();
      if (wait <= 0) fire();
      else pending = clock.setTimeout(fire, wait);
    },
    cancel() {
      if (pending !== null) clock.clearTimeout(pending);
      pending = null;
    },
  };
}
