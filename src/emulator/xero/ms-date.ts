/**
 * Xero's JSON dates: `/Date(1539993600000+0000)/` (epoch milliseconds; the offset is informational).
 * The company files may also give ISO text ("2024-07-01" or "2024-07-01T10:00:00"), read as UTC.
 */
const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/

export function msDate(ms: number): string {
  return `/Date(${ms}+0000)/`
}

/** Epoch milliseconds of a Xero date value, or undefined when it is not a date. */
export function parseXeroDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  const m = MS_DATE.exec(value)
  if (m) return Number(m[1])
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined
  const text = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) || value.length === 10 ? value : `${value}Z`
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}
