/**
 * QBO stamps responses and MetaData in the company's local time with an offset (Pacific in every public
 * sample). The emulator uses a fixed -07:00 so the strings look and sort like QBO's; DST is not modelled.
 */
const OFFSET_MS = -7 * 3600_000

export function qboTime(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().replace('Z', '-07:00')
}

/** MetaData times carry no milliseconds. */
export function qboMetaTime(ms: number): string {
  return qboTime(ms).replace(/\.\d{3}-07:00$/, '-07:00')
}

/** The civil date (YYYY-MM-DD) in the company's zone, the default TxnDate. */
export function qboToday(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
}
