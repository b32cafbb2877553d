import {parseCanonical} from '../../domain/canonical.js'
import type {ExtractUnit, SourceAdapter, StagedItem} from '../adapter.js'
import {listInputFiles} from '../files/discover.js'
import {fileError} from '../files/errors.js'
import {type DateOrder, DateOrderDetector} from '../files/parse-values.js'
import {readRows} from '../files/rows.js'
import {HeaderMap, TableRow} from '../files/table.js'
import {derivedUnit, type RecognisedFile, recogniseFiles} from '../files/units.js'
import type {SuppliedRate} from '../../domain/supplied-facts.js'
import {type TaxInclusiveOption, XeroContext} from './context.js'
import {buildDocument, directionOf, documentKey, typeKind} from './documents.js'
import {recogniseXeroFile} from './headers.js'
import {buildJournal, journalKey, taxRateFromRow} from './journals.js'
import {XERO, XERO_TYPE_ORDER, type XeroFileType} from './layouts.js'
import {accountFromRow, contactFromRow, itemFromRow} from './lists.js'
import {checkOverlaps, rateDirection, rateFromRow} from './rates.js'

export interface XeroCsvOptions {
  path: string
  dateOrder?: DateOrder
  taxInclusive?: TaxInclusiveOption
  /** Currency of documents with no Currency column (Xero writes none for home-currency files). */
  homeCurrency?: string
  /** Exchange rates from the mapping workbook, for foreign-currency documents (the exports carry none). */
  rates?: readonly SuppliedRate[]
}

const DATE_COLUMNS: Partial<Record<XeroFileType, string[]>> = {
  documents: ['invoicedate', 'duedate', 'planneddate'],
  journals: ['date'],
  exchangeRates: ['date', 'from', 'to'],
}

export type XeroCsvAdapter = SourceAdapter & {warnings(): string[]}

/** Xero CSV exports and import templates (sources.md §1): one unit per file, recognised by its header row. */
export function xeroCsvAdapter(options: XeroCsvOptions): XeroCsvAdapter {
  const ctx = new XeroContext(options.taxInclusive ?? 'auto', options.homeCurrency ?? 'AUD', options.rates)
  return {
    system: 'xero-csv',
    warnings: () => [...ctx.warnings],
    async *units(): AsyncGenerator<ExtractUnit> {
      const paths = listInputFiles(options.path)
      const {files, others} = await recogniseFiles(paths, 'xero-csv', recogniseXeroFile, 'Xero')
      yield* others
      files.sort((a, b) => XERO_TYPE_ORDER.indexOf(a.type) - XERO_TYPE_ORDER.indexOf(b.type))
      for (const file of files) {
        yield {
          label: file.path,
          type: `xero-csv:${file.type}`,
          contentHash: file.sniff.contentHash,
          complete: true,
          records: () => fileRecords(file, ctx, options),
          committed: () => ctx.commitFile(),
        }
      }
      yield derivedRecords(ctx)
      if (ctx.paidWithoutDate) {
        ctx.warnings.push(
          `${ctx.paidWithoutDate} documents show an amount paid, but Xero CSV exports carry no payment dates, bank accounts or allocations: payments are not staged (amountPaid/amountDue are kept; see docs/sources-files.md)`,
        )
      }
      if (ctx.skippedRows)
        ctx.warnings.push(`${ctx.skippedRows} overpayment/prepayment rows skipped (they need the Xero API)`)
    },
  }
}

/** The header of a recognised file, read by the keys of its layout (xero-csv/layouts.ts). */
function headerMap(file: RecognisedFile<XeroFileType>): HeaderMap {
  return new HeaderMap(file.header.names, (name) => XERO.keyOf(file.type, name), XERO.keys(file.type))
}

/**
 * The file's data rows. `peek` is for a pass that reads only the first rows (the date order, the
 * direction): it parses on this thread, since a worker would start and parse ahead for nothing.
 */
async function* dataRows(file: RecognisedFile<XeroFileType>, peek = false): AsyncGenerator<TableRow> {
  const headers = headerMap(file)
  const width = file.header.names.length
  for await (const raw of readRows(file.path, {
    encoding: file.sniff.encoding,
    delimiter: ',',
    fromLine: file.header.line + 1,
    ...(peek ? {thread: false} : {}),
  })) {
    if (raw.fields.every((f) => f.trim() === '')) continue
    if (raw.fields.length > width && raw.fields.slice(width).some((f) => f.trim() !== '')) {
      throw fileError(
        {file: file.path, line: raw.line, column: `#${width + 1}`},
        `the row has ${raw.fields.length} fields but the header has ${width} (an unquoted comma, or a different delimiter)`,
      )
    }
    yield new TableRow(file.path, raw.line, headers, raw.fields)
  }
}

async function detectOrder(
  file: RecognisedFile<XeroFileType>,
  ctx: XeroContext,
  override?: DateOrder,
): Promise<DateOrder> {
  if (override) return override
  const columns = DATE_COLUMNS[file.type]
  if (!columns) return 'dmy'
  const detector = new DateOrderDetector()
  const headers = headerMap(file)
  const present = columns.filter((c) => headers.has(c))
  for await (const row of dataRows(file, true)) {
    for (const c of present) detector.add(row.text(c))
    if (detector.settled) break
  }
  const order = detector.result()
  if (order === 'conflict')
    throw fileError({file: file.path}, 'mixed date formats: some dates are day-first and others month-first')
  if (!order && detector.ambiguous)
    ctx.warnOnce(
      `${file.path}: no date settles day/month order; read as DD/MM/YYYY (use --date-order mdy if wrong)`,
    )
  return order ?? 'dmy'
}

async function* fileRecords(
  file: RecognisedFile<XeroFileType>,
  ctx: XeroContext,
  options: XeroCsvOptions,
): AsyncGenerator<StagedItem> {
  const headers = headerMap(file)
  ctx.beginFile()
  const order = await detectOrder(file, ctx, options.dateOrder)
  if (file.type === 'documents') yield* documentRecords(file, ctx, order, headers)
  else if (file.type === 'journals') yield* journalRecords(file, ctx, order)
  else if (file.type === 'exchangeRates') await readRates(file, ctx, order, headers)
  else {
    const seen = new Set<string>()
    for await (const row of dataRows(file)) {
      const item =
        file.type === 'accounts'
          ? accountFromRow(row, ctx)
          : file.type === 'items'
            ? itemFromRow(row, ctx)
            : file.type === 'contacts'
              ? contactFromRow(row, ctx)
              : taxRateFromRow(row, ctx)
      if (seen.has(item.id)) throw row.fail(undefined, `duplicate ${item.kind} "${item.id}" in the file`)
      seen.add(item.id)
      if (item.kind === 'contact') ctx.listedContact(item.id)
      yield item
    }
  }
}

/** A rates file stages nothing itself: its rates go on the foreign-currency documents read after it. */
async function readRates(
  file: RecognisedFile<XeroFileType>,
  ctx: XeroContext,
  order: DateOrder,
  headers: HeaderMap,
): Promise<void> {
  const direction = rateDirection(headers, ctx.homeCurrency)
  const rows: {row: TableRow; rate: SuppliedRate}[] = []
  for await (const row of dataRows(file)) rows.push({row, rate: rateFromRow(row, order, direction, ctx)})
  checkOverlaps(rows, ctx)
  for (const r of rows) ctx.sawRate(r.rate)
}

async function* documentRecords(
  file: RecognisedFile<XeroFileType>,
  ctx: XeroContext,
  order: DateOrder,
  headers: HeaderMap,
): AsyncGenerator<StagedItem> {
  const fileDirection = headers.has('type') ? 'sales' : await guessDirection(file, ctx)
  const done = new Map<string, number>()
  let group: {key: string; direction: 'sales' | 'purchases'; rows: TableRow[]} | undefined
  for await (const row of dataRows(file)) {
    const kind = typeKind(row, fileDirection)
    if (kind === 'skip') {
      ctx.skippedRow()
      continue
    }
    const direction = kind ? directionOf(kind) : fileDirection
    const key = `${direction}\u0000${documentKey(row, direction)}`
    if (group && group.key === key) {
      group.rows.push(row)
      continue
    }
    if (group) yield buildDocument(group, group.direction, order, ctx)
    const firstLine = done.get(key)
    if (firstLine !== undefined) {
      throw row.fail(
        'invoicenumber',
        `the rows of document "${row.text('invoicenumber')}" are not together (it also starts at line ${firstLine})`,
        "Sort the file by invoice number (keeping each document's rows together), then run the extract again.",
      )
    }
    done.set(key, row.line)
    group = {key, direction, rows: [row]}
  }
  if (group) yield buildDocument(group, group.direction, order, ctx)
}

/** A file without a Type column (the import template) is sales or bills; its tax names say which. */
async function guessDirection(
  file: RecognisedFile<XeroFileType>,
  ctx: XeroContext,
): Promise<'sales' | 'purchases'> {
  let sales = 0
  let purchases = 0
  let rows = 0
  for await (const row of dataRows(file, true)) {
    const rate = ctx.tax.resolve(row.text('taxtype'))
    if (rate?.appliesTo === 'sales') sales++
    if (rate?.appliesTo === 'purchases') purchases++
    if (++rows >= 2000) break
  }
  if (purchases > sales) return 'purchases'
  if (sales === 0)
    ctx.warnOnce(`${file.path}: no Type column and no sales or purchase tax names; read as sales invoices`)
  return 'sales'
}

async function* journalRecords(
  file: RecognisedFile<XeroFileType>,
  ctx: XeroContext,
  order: DateOrder,
): AsyncGenerator<StagedItem> {
  const done = new Map<string, number>()
  let group: {key: string; rows: TableRow[]} | undefined
  for await (const row of dataRows(file)) {
    const key = journalKey(row)
    if (group && group.key === key) {
      group.rows.push(row)
      continue
    }
    if (group) yield buildJournal(group.rows, order, ctx)
    if (done.has(key))
      throw row.fail(
        'narration',
        `the rows of journal "${row.text('narration')}" are not together (it also starts at line ${done.get(key)})`,
      )
    done.set(key, row.line)
    group = {key, rows: [row]}
  }
  if (group) yield buildJournal(group.rows, order, ctx)
}

/**
 * Records the files imply but do not list: contacts seen only on documents, tracking categories (Xero CSVs
 * have no tracking list) and the built-in tax rates the files used.
 */
function derivedRecords(ctx: XeroContext): ExtractUnit {
  return derivedUnit('(derived from the documents)', 'xero-csv:derived', (): StagedItem[] => {
    const items: StagedItem[] = []
    for (const rate of ctx.tax.staged()) items.push({kind: 'taxRate', id: rate.id, record: rate})
    for (const [name, options] of [...ctx.trackingOptions].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const record = parseCanonical('trackingCategory', {
        id: name,
        name,
        options: [...options].sort().map((o) => ({name: o, active: true})),
        active: true,
      })
      items.push({kind: 'trackingCategory', id: name, record})
    }
    for (const [id, seen] of [...ctx.contacts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (ctx.listedContacts.has(id)) continue
      const record = parseCanonical('contact', {
        id,
        name: seen.name,
        isIndividual: false,
        ...(seen.email ? {email: seen.email} : {}),
        isCustomer: seen.isCustomer,
        isSupplier: seen.isSupplier,
        active: true,
      })
      items.push({kind: 'contact', id, record})
    }
    return items
  })
}
