import {z} from 'zod'

import {QboValidationError, UsageError, UserInputError} from '../domain/errors.js'
import type {QboEntity} from '../qbo/index.js'
import type {Logger} from '../ui/logger.js'

/** What the engine needs from the QBO client (QboClient.cdc fits). */
export interface CdcSource {
  cdc(entities: readonly string[], changedSince: string): Promise<unknown>
}

export interface ChangedRecord {
  entity: string
  id: string
  status: 'Changed' | 'Deleted'
  lastUpdated: string
  row: QboEntity
}

export interface ChangesResult {
  since: string
  entities: Record<string, {changed: number; deleted: number}>
  records: ChangedRecord[]
  requests: number
  warnings: string[]
}

/** QBO's documented limits (integrations.md §6.3): 30 days back, 1000 objects per answer. */
export const CDC_LOOKBACK_DAYS = 30
export const CDC_MAX_OBJECTS = 1000
const UNSUPPORTED = ['JournalCode', 'TaxAgency', 'TimeActivity', 'TaxCode', 'TaxRate']

const responseSchema = z.object({
  CDCResponse: z.array(
    z.object({QueryResponse: z.array(z.record(z.string(), z.unknown())).optional()}).loose(),
  ),
})

/**
 * `--since` as an instant: an ISO date-time, a civil date (midnight UTC), or a duration back from now
 * ("7d", "12h", "90m").
 */
export function resolveSince(text: string, now: Date): Date {
  const rel = /^(\d+)\s*([dhm])$/i.exec(text.trim())
  if (rel) {
    const unit = {d: 86_400_000, h: 3_600_000, m: 60_000}[rel[2]!.toLowerCase() as 'd' | 'h' | 'm']
    return new Date(now.getTime() - Number(rel[1]) * unit)
  }
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? `${text.trim()}T00:00:00Z` : text.trim()
  const t = Date.parse(iso)
  if (Number.isNaN(t))
    throw new UsageError(`--since "${text}" is not a date or time.`, {
      next: 'Give an ISO time (2025-06-01T09:00:00-07:00), a date (2025-06-01) or a duration back from now (7d, 12h).',
    })
  return new Date(t)
}

/**
 * Every object of `entities` changed since `since`, through change data capture. QBO answers at most 1000
 * objects per request and has no paging, so each entity is asked for on its own and, when an answer is
 * full, asked again from the latest LastUpdatedTime it held (less a second, in case QBO's changedSince is
 * exclusive); objects seen twice are kept once, in their latest version.
 */
export async function readChanges(
  source: CdcSource,
  options: {entities: readonly string[]; since: Date; now: Date},
  logger: Logger,
): Promise<ChangesResult> {
  const oldest = options.now.getTime() - CDC_LOOKBACK_DAYS * 86_400_000
  if (options.since.getTime() < oldest) {
    throw new UserInputError(
      `QuickBooks Online's change data capture looks back at most ${CDC_LOOKBACK_DAYS} days; ${options.since.toISOString()} is older.`,
      {
        next:
          `Use a later --since, or read the whole entity with a query instead, e.g. qbo query ` +
          `"SELECT * FROM ${options.entities[0] ?? 'Invoice'} WHERE MetaData.LastUpdatedTime >= '${options.since.toISOString()}'" ` +
          '(a query does not list deleted records).',
      },
    )
  }
  const refused = options.entities.filter((e) => UNSUPPORTED.includes(e))
  if (refused.length > 0)
    throw new UsageError(`QuickBooks Online has no change data capture for ${refused.join(', ')}.`, {
      next: `Leave them out of --entities (QBO does not support CDC for ${UNSUPPORTED.join(', ')}).`,
    })
  const result: ChangesResult = {
    since: options.since.toISOString(),
    entities: {},
    records: [],
    requests: 0,
    warnings: [],
  }
  for (const entity of options.entities) {
    const latest = new Map<string, ChangedRecord>()
    const versions = new Set<string>()
    let since = options.since
    for (;;) {
      result.requests += 1
      const objects = await fetchObjects(source, entity, since.toISOString())
      let fresh = 0
      for (const o of objects) {
        const version = `${o.id}\u001f${o.lastUpdated}\u001f${o.status}`
        if (!versions.has(version)) {
          versions.add(version)
          fresh += 1
        }
        const prior = latest.get(o.id)
        if (!prior || Date.parse(o.lastUpdated) >= Date.parse(prior.lastUpdated)) latest.set(o.id, o)
      }
      if (objects.length < CDC_MAX_OBJECTS) break
      const newest = Math.max(
        ...objects.map((o) => Date.parse(o.lastUpdated)).filter((t) => !Number.isNaN(t)),
      )
      if (fresh === 0 || !Number.isFinite(newest))
        throw new QboValidationError(
          `More than ${CDC_MAX_OBJECTS} ${entity} records changed within one second; change data capture cannot page past them.`,
          {
            next: `Read ${entity} with qbo query "SELECT * FROM ${entity} WHERE MetaData.LastUpdatedTime >= '${since.toISOString()}'" instead.`,
          },
        )
      if (!objects.some((o) => o.status === 'Deleted'))
        result.warnings.push(
          `${entity}: QBO returned its ${CDC_MAX_OBJECTS}-object maximum for changes since ${since.toISOString()}; it lists deletions after the active records, so deletions before ${new Date(newest).toISOString()} may be missing. Run the extract more often to keep each answer under the maximum.`,
        )
      logger.info(
        `${entity}: ${CDC_MAX_OBJECTS} changes in one answer; asking again from ${new Date(newest).toISOString()}`,
      )
      since = new Date(newest - 1000)
    }
    const records = [...latest.values()].sort(
      (a, b) => Date.parse(a.lastUpdated) - Date.parse(b.lastUpdated) || a.id.localeCompare(b.id),
    )
    result.records.push(...records)
    result.entities[entity] = {
      changed: records.filter((r) => r.status === 'Changed').length,
      deleted: records.filter((r) => r.status === 'Deleted').length,
    }
  }
  return result
}

async function fetchObjects(
  source: CdcSource,
  entity: string,
  changedSince: string,
): Promise<ChangedRecord[]> {
  const parsed = responseSchema.safeParse(await source.cdc([entity], changedSince))
  if (!parsed.success)
    throw new QboValidationError('QuickBooks Online answered change data capture without a CDCResponse.', {
      next: 'Run again with --verbose and report the output.',
    })
  const out: ChangedRecord[] = []
  for (const qr of parsed.data.CDCResponse.flatMap((c) => c.QueryResponse ?? [])) {
    const key = Object.keys(qr).find((k) => k.toLowerCase() === entity.toLowerCase() && Array.isArray(qr[k]))
    if (!key) continue
    for (const row of qr[key] as QboEntity[]) {
      const meta = row.MetaData as {LastUpdatedTime?: unknown} | undefined
      out.push({
        entity,
        id: String(row.Id),
        status: row.status === 'Deleted' ? 'Deleted' : 'Changed',
        lastUpdated: typeof meta?.LastUpdatedTime === 'string' ? meta.LastUpdatedTime : '',
        row,
      })
    }
  }
  return out
}
