/**
 * ShipStation V1 reads and writes times as local times without a zone. For store refreshes its own words
 * are "representative of the time in PST"; whether the shipment date filters use Pacific time too is
 * UNCONFIRMED (integrations.md §1.2, §9.3). A filter is therefore written in Pacific time: if ShipStation
 * reads it as Pacific, it means exactly what we meant; if it reads it as UTC, it starts earlier than we
 * meant (Pacific is behind UTC), so the read overlaps instead of leaving a gap. The sync also starts every
 * read an overlap window before its watermark and removes duplicates by (store, shipment id).
 */
const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** "2026-03-01 09:30:00": an instant as a Pacific wall-clock time, in the form V1's filters take. */
export function pacificFilterTime(ms: number): string {
  const parts = Object.fromEntries(PACIFIC.formatToParts(new Date(ms)).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`
}

/** A civil date from V1's shipDate, which comes as "2026-03-01" or "2026-03-01T00:00:00.0000000". */
export function civilShipDate(raw: string | null): string | null {
  if (!raw) return null
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw.trim())
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
    ? `${m[1]}-${m[2]}-${m[3]}`
    : null
}
