import {UsageError} from '../domain/errors.js'
import type {Staging} from '../staging/index.js'
import type {Logger} from '../ui/logger.js'
import {extractToStaging, type ExtractResult} from './extract.js'
import type {DateOrder} from './files/parse-values.js'
import {myobAdapter} from './myob/adapter.js'
import type {TaxInclusiveOption} from './xero-csv/context.js'
import {xeroCsvAdapter} from './xero-csv/adapter.js'

export interface ExtractRequest {
  from: string
  path?: string
  dryRun?: boolean
  dateOrder?: DateOrder
  taxInclusive?: TaxInclusiveOption
  logger: Logger
  onProgress?: (event: {unit: string; records: number}) => void
}

/** `qbo migrate extract`: picks the file adapter for --from and stages its files with the one engine. */
export async function runExtract(staging: Staging, request: ExtractRequest): Promise<ExtractResult> {
  if (request.from === 'xero-api') {
    throw new UsageError('--from xero-api is not available yet in this build', {
      next: 'Export the company from Xero as CSV files and run `qbo migrate extract --from xero-csv FOLDER`.',
    })
  }
  if (!request.path) {
    throw new UsageError(`--from ${request.from} needs the folder (or file) of exports as PATH`, {
      next: `Run \`qbo migrate extract --from ${request.from} ./exports\`.`,
    })
  }
  const adapter =
    request.from === 'xero-csv'
      ? xeroCsvAdapter({
          path: request.path,
          ...(request.dateOrder ? {dateOrder: request.dateOrder} : {}),
          ...(request.taxInclusive ? {taxInclusive: request.taxInclusive} : {}),
        })
      : request.from === 'myob'
        ? myobAdapter({path: request.path, ...(request.dateOrder ? {dateOrder: request.dateOrder} : {})})
        : undefined
  if (!adapter) {
    throw new UsageError(`unknown source "${request.from}"`, {next: 'Use --from xero-csv, myob or xero-api.'})
  }
  return extractToStaging(staging, adapter, {
    ...(request.dryRun ? {dryRun: true} : {}),
    logger: request.logger,
    ...(request.onProgress ? {onProgress: request.onProgress} : {}),
    warnings: () => adapter.warnings(),
  })
}
