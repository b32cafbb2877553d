/**
 * QBO's documented limits per company (realm) and app (qbo-api.md §1): the client paces its requests by
 * them, and the plan estimates a load's duration with them.
 */
export const QBO_LIMITS = {
  requestsPerSecond: 10,
  requestsPerMinute: 500,
  concurrent: 10,
  batchesPerMinute: 40,
  batchSize: 30,
} as const

/**
 * Consecutive slices of at most `size` items, in order: how every writer cuts its work into QBO batch
 * requests (the loader, the integrations, the client's own batch call). A size outside 1..30 is a bug, not a
 * setting QBO would take.
 */
export function inBatches<T>(items: readonly T[], size: number = QBO_LIMITS.batchSize): T[][] {
  if (!Number.isInteger(size) || size < 1 || size > QBO_LIMITS.batchSize)
    throw new Error(`BUG: batch size ${size} is outside 1..${QBO_LIMITS.batchSize}`)
  const batches: T[][] = []
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size))
  return batches
}
