import {UsageError} from '../domain/errors.js'
import {suppliedFacts} from '../domain/supplied-facts.js'
import type {Staging} from '../staging/index.js'
import type {Logger} from '../ui/logger.js'
import {extractToStaging, type ExtractResult} from './extract.js'
import type {DateOrder} from './files/parse-values.js'
import {myobAdapter} from './myob/adapter.js'
import {extractReports, type ReportsExtract} from './reports/extract-reports.js'
import type {TaxInclusiveOption} from './xero-csv/context.js'
import {xeroCsvAdapter} from './xero-csv/adapter.js'
import {xeroApiAdapterFromEnv} from './xero-api/from-env.js'
import {storedXeroTokenSource, type XeroTokenStorePort} from './xero-api/stored-tokens.js'

export interface ExtractRequest {
  from: string
  path?: string
  dryRun?: boolean
  dateOrder?: DateOrder
  taxInclusive?: TaxInclusiveOption
  /** Continue the latest unfinished extract (an API extract stopped by Xero's daily limit). */
  resume?: boolean
  /** Xero API: the tenant (else XERO_TENANT_ID, else the connection's only tenant). */
  tenantId?: string
  /** Xero API: only records changed since this date (If-Modified-Since). */
  since?: string
  /** A folder (or file) of the source's report exports, for --from xero-api (file sources find them in PATH). */
  reports?: string
  /** Xero API: XERO_* settings. */
  env?: Record<string, string | undefined>
  /** Xero API: the token store of `qbo auth connect --provider xero`; without an entry there, a custom
   * connection's client credentials (XERO_CLIENT_ID/SECRET) are used. */
  xeroStore?: XeroTokenStorePort
  logger: Logger
  onProgress?: (event: {unit: string; records: number}) => void
}

/** `qbo migrate extract`: picks the file adapter for --from and stages its files with the one engine. */
export async function runExtract(staging: Staging, request: ExtractRequest): Promise<ExtractResult> {
  if (request.from === 'xero-api') return extractXeroApi(staging, request)
  if (!request.path) {
    throw new UsageError(`--from ${request.from} needs the folder (or file) of exports as PATH`, {
      next: `Run \`qbo migrate extract --from ${request.from} ./exports\`.`,
    })
  }
  // What the mapping workbook supplied that the files lack (freight accounts, exchange rates).
  const facts = suppliedFacts(staging.settings.all())
  const rates = facts.exchangeRates ? {rates: facts.exchangeRates} : {}
  const adapter =
    request.from === 'xero-csv'
      ? xeroCsvAdapter({
          path: request.path,
          ...(request.dateOrder ? {dateOrder: request.dateOrder} : {}),
          ...(request.taxInclusive ? {taxInclusive: request.taxInclusive} : {}),
          ...rates,
        })
      : request.from === 'myob'
        ? myobAdapter({
            path: request.path,
            ...(request.dateOrder ? {dateOrder: request.dateOrder} : {}),
            facts: {...(facts.freightAccounts ? {freight: facts.freightAccounts} : {}), ...rates},
          })
        : undefined
  if (!adapter) {
    throw new UsageError(`unknown source "${request.from}"`, {next: 'Use --from xero-csv, myob or xero-api.'})
  }
  // The source's own reports (trial balance, aged summaries) sit beside the exports: a step of their own.
  const reports = await extractReports(staging, {
    path: request.path,
    system: adapter.system,
    ...(request.dryRun ? {dryRun: true} : {}),
    ...(request.dateOrder ? {dateOrder: request.dateOrder} : {}),
  })
  const result = await extractToStaging(staging, adapter, {
    ...(request.dryRun ? {dryRun: true} : {}),
    logger: request.logger,
    ...(request.onProgress ? {onProgress: request.onProgress} : {}),
    ...(request.resume ? {resume: true} : {}),
    warnings: () => adapter.warnings(),
  })
  return withReports(result, reports)
}

function withReports(result: ExtractResult, reports: ReportsExtract): ExtractResult {
  return {
    ...result,
    files: [...reports.files, ...result.files],
    warnings: [...reports.warnings, ...result.warnings],
  }
}

/**
 * The Xero API extract: pages every collection, one checkpointed unit per page. A daily limit throws a
 * RetryableError (exit 1) whose next step is the --resume command; records the adapter read but could not
 * stage (overpayments, draft journals, rejected records) become the result's warnings.
 */
async function extractXeroApi(staging: Staging, request: ExtractRequest): Promise<ExtractResult> {
  if (request.path) {
    throw new UsageError('--from xero-api reads the Xero API and takes no PATH.', {
      next: 'Run `qbo migrate extract --from xero-api [--tenant ID] [--since DATE]`.',
    })
  }
  const env = request.env ?? {}
  const tokens = request.xeroStore
    ? storedXeroTokenSource({
        env,
        store: request.xeroStore,
        ...(request.tenantId ? {tenantId: request.tenantId} : {}),
      })
    : undefined
  const adapter = xeroApiAdapterFromEnv({
    env,
    ...(request.tenantId ? {tenantId: request.tenantId} : {}),
    ...(request.since ? {since: request.since} : {}),
    ...(tokens ? {tokens} : {}),
  })
  const result = await extractToStaging(staging, adapter, {
    ...(request.dryRun ? {dryRun: true} : {}),
    ...(request.resume ? {resume: true} : {}),
    runOptions: {tenant: request.tenantId ?? null, since: request.since ?? null},
    logger: request.logger,
    ...(request.onProgress ? {onProgress: request.onProgress} : {}),
    warnings: () => adapter.notes,
  })
  if (!request.reports) return result
  const reports = await extractReports(staging, {
    path: request.reports,
    system: 'xero-api',
    ...(request.dryRun ? {dryRun: true} : {}),
  })
  return withReports(result, reports)
}
