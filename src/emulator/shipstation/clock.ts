/**
 * Times as ShipStation V1 shows and filters them: local wall-clock times without a zone. Which zone its
 * shipment filters use is UNCONFIRMED (integrations.md §1.2: Pacific per third-party notes), so the
 * emulator can be started either way (`zone`), and a client can be tested against both.
 */
export type Zone = 'pacific' | 'utc'

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

/** The wall-clock time in `zone` of an instant, as milliseconds of a UTC date with the same fields. */
function wallMs(ms: number, zone: Zone): number {
  if (zone === 'utc') return ms
  const p = Object.fromEntries(PACIFIC.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]))
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + (ms % 1000)
}

/** "2026-03-01T09:30:00.0000000", V1's form of createDate and voidDate. */
export function v1Time(ms: number, zone: Zone): string {
  return `${new Date(wallMs(ms, zone)).toISOString().slice(0, 23)}0000`
}

/** "2026-03-01": the civil date in `zone`. */
export function v1Date(ms: number, zone: Zone): string {
  return new Date(wallMs(ms, zone)).toISOString().slice(0, 10)
}

/**
 * A filter value as an instant: "2026-03-01", "2026-03-01 09:30:00", "2026-03-01T09:30:00.000" are wall
 * times in `zone`; a value with "Z" or an offset is taken as written. Undefined when it is not a time.
 */
export function parseFilterTime(text: string, zone: Zone): number | undefined {
  const t = text.trim()
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
    const ms = Date.parse(t.replace(' ', 'T'))
    return Number.isNaN(ms) ? undefined : ms
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/.exec(t)
  if (!m) return undefined
  const wall = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)),
  )
  if (zone === 'utc') return wall
  // The instant whose Pacific wall time is `wall`: correct the guess by the offset found there (twice,
  // for the hours around a daylight-saving change).
  let guess = wall + 8 * 3_600_000
  for (let i = 0; i < 2; i++) guess = wall - (wallMs(guess, 'pacific') - guess)
  return guess
}
