import {type CivilDate, parseIsoDate} from '../../domain/civil-date.js'
import {UserInputError} from '../../domain/errors.js'
import {QboTransportError} from '../../qbo/index.js'
import type {Logger} from '../../ui/logger.js'
import {JOINABLE_REPORTS, joinPolicy, splitUnit} from './additivity.js'
import {joinReports} from './join.js'
import {isTruncated, type ParsedReport, parseReport} from './parse.js'
import {type DateRange, splitRange} from './split.js'

/** What the engine needs from the QBO client: one report request (QboClient.report fits). */
export interface ReportSource {
  report(name: string, params: Record<string, string>): Promise<unknown>
}

export interface FetchedReport {
  report: ParsedReport
  /** The date ranges actually fetched, earliest first (one when nothing was split). */
  parts: DateRange[]
  warnings: string[]
  /** The answers as QBO sent them, one per part. */
  raw: unknown[]
}

/** A guard against a report that stays too big however small the range: 64 parts at most. */
const MAX_PARTS = 64

type Attempt = {ok: true; data: unknown} | {ok: false; why: string; data?: unknown}

/**
 * Fetches a report; when QBO cuts it short ("Unable to display more data") or the gateway times out (504),
 * fetches it again in two halves of the date range, recursively, and joins the parts. Only reports whose
 * figures add up over time are split (additivity.ts); any other is refused with what to do instead.
 */
export async function fetchReport(
  source: ReportSource,
  name: string,
  params: Record<string, string>,
  logger: Logger,
): Promise<FetchedReport> {
  const first = await attempt(source, name, params)
  if (first.ok)
    return {
      report: parseReport(first.data),
      parts: [rangeOf(first.data, params)],
      warnings: [],
      raw: [first.data],
    }
  const policy = joinPolicy(name)
  if (!policy) {
    throw new UserInputError(
      `QuickBooks Online ${first.why} the ${name} report, and ${name} cannot be split by date.`,
      {
        next:
          `${name} shows balances as of a date, so its parts would not add up. Narrow it instead with --param ` +
          `(e.g. customer=ID,ID or account=ID), or use a report that can be split: ${JOINABLE_REPORTS.join(', ')}.`,
        data: {report: name},
      },
    )
  }
  const unit = splitUnit(params.summarize_column_by)
  if (!unit) {
    throw new UserInputError(
      `QuickBooks Online ${first.why} the ${name} report, and columns by ${params.summarize_column_by} cannot be split.`,
      {
        next: 'Use --summarize-by Month (or a shorter date range) for a range this large.',
      },
    )
  }
  // A date_macro is resolved by QBO: a cut-short answer still says which period it covered.
  const range = explicitRange(params) ?? headerRange(first.data)
  if (!range) {
    throw new UserInputError(
      `QuickBooks Online ${first.why} the ${name} report; splitting it needs explicit dates.`,
      {
        next: 'Pass --start and --end instead of --date-macro.',
      },
    )
  }
  logger.info(`QBO ${first.why} ${name} ${range.start}..${range.end}; fetching it in parts`)
  const parts: {range: DateRange; data: unknown}[] = []
  const fetchRange = async (r: DateRange): Promise<void> => {
    const halves = splitRange(r, unit)
    if (!halves) {
      throw new UserInputError(
        `${name} is still too big for QuickBooks Online for ${r.start}..${r.end}, which cannot be split further.`,
        {
          next: 'Narrow the report with --param (customer=, account=, item= …) or fewer --columns.',
        },
      )
    }
    for (const half of halves) {
      const got = await attempt(source, name, {
        ...withoutDates(params),
        start_date: half.start,
        end_date: half.end,
      })
      if (got.ok) parts.push({range: half, data: got.data})
      else {
        logger.info(`  ${half.start}..${half.end} ${got.why}; splitting again`)
        if (parts.length + 2 > MAX_PARTS) throw tooMany(name)
        await fetchRange(half)
      }
      if (parts.length > MAX_PARTS) throw tooMany(name)
    }
  }
  await fetchRange(range)
  const joined = joinReports(
    parts.map((p) => parseReport(p.data)),
    policy,
  )
  const report = {
    ...joined.report,
    header: {...joined.report.header, StartPeriod: range.start, EndPeriod: range.end},
  }
  return {report, parts: parts.map((p) => p.range), warnings: joined.warnings, raw: parts.map((p) => p.data)}
}

async function attempt(source: ReportSource, name: string, params: Record<string, string>): Promise<Attempt> {
  try {
    const data = await source.report(name, params)
    return isTruncated(data)
      ? {ok: false, why: 'cut short ("Unable to display more data")', data}
      : {ok: true, data}
  } catch (e) {
    // A gateway timeout is QBO's other answer to a report too big to build in time (hotglue's tap splits on it).
    if (e instanceof QboTransportError && e.status === 504) return {ok: false, why: 'timed out (504) on'}
    throw e
  }
}

function tooMany(name: string): UserInputError {
  return new UserInputError(
    `${name} needed more than ${MAX_PARTS} parts to stay under QuickBooks Online's limit.`,
    {
      next: 'Ask for fewer rows: a shorter date range, --param filters or fewer --columns.',
    },
  )
}

function withoutDates(params: Record<string, string>): Record<string, string> {
  const rest = {...params}
  delete rest.start_date
  delete rest.end_date
  delete rest.date_macro
  return rest
}

function explicitRange(params: Record<string, string>): DateRange | undefined {
  const start = parseIsoDate(params.start_date ?? '')
  const end = parseIsoDate(params.end_date ?? '')
  return start && end ? {start, end} : undefined
}

function headerRange(data: unknown): DateRange | undefined {
  const header = (data as {Header?: {StartPeriod?: unknown; EndPeriod?: unknown}} | undefined)?.Header
  const start = typeof header?.StartPeriod === 'string' ? parseIsoDate(header.StartPeriod) : undefined
  const end = typeof header?.EndPeriod === 'string' ? parseIsoDate(header.EndPeriod) : undefined
  return start && end ? {start, end} : undefined
}

/** The period a report covered: its header's StartPeriod/EndPeriod, else the dates asked for. */
function rangeOf(data: unknown, params: Record<string, string>): DateRange {
  const header = (data as {Header?: {StartPeriod?: unknown; EndPeriod?: unknown}} | undefined)?.Header
  const pick = (v: unknown, fallback: string | undefined) =>
    (typeof v === 'string' ? parseIsoDate(v) : undefined) ?? parseIsoDate(fallback ?? '') ?? ('' as CivilDate)
  return {start: pick(header?.StartPeriod, params.start_date), end: pick(header?.EndPeriod, params.end_date)}
}
