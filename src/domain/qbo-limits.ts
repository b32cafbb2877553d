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
