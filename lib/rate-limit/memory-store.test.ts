import { describe, expect, it } from 'vitest';

import { createMemoryStore } from './memory-store';

const tier = { limit: 4, windowMs: 1_000, sensitive: false };

describe('the in-process sliding window', () => {
  it('allows the limit, then refuses until the window ends', async () => {
    let now = 10_000;
    const store = createMemoryStore(() => now);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await store.hit('k', tier));

    expect(results.map((r) => r.remaining)).toEqual([3, 2, 1, 0, 0]);
    expect(results[4]).toMatchObject({ success: false, reset: 11_000 });

    now = 12_000;
    expect((await store.hit('k', tier)).success).toBe(true);
  });

  it('weighs the previous window by how much of it still overlaps', async () => {
    let now = 20_000;
    const store = createMemoryStore(() => now);
    for (let i = 0; i < 4; i++) await store.hit('k', tier);

    // A quarter into the next window, three quarters of the four earlier hits still count.
    now = 21_250;
    const first = await store.hit('k', tier);
    const second = await store.hit('k', tier);

    expect(first).toMatchObject({ success: true, remaining: 0 });
    expect(second.success).toBe(false);
  });

  it('keeps keys apart', async () => {
    const store = createMemoryStore(() => 0);
    for (let i = 0; i < 4; i++) await store.hit('a', tier);

    expect((await store.hit('b', tier)).success).toBe(true);
  });
});
