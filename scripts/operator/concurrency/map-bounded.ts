/**
 * Maps over items with at most `limit` calls in flight, results in the items' order: a broker
 * or registry answers hundreds of small requests in a second this way, not one after another,
 * without opening hundreds of requests at once. The first failure rejects the whole map.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
