import {parseCanonical} from '../../domain/canonical.js'
import type {ExtractUnit, SourceAdapter, StagedItem} from '../adapter.js'
import {listInputFiles} from '../files/discover.js'
import {fileError} from '../files/errors.js'
import {type DateOrder, DateOrderDetector, parseMyobMoney} from '../files/parse-values.js'
import {readRows} from '../files/rows.js'
import {HeaderMap, TableRow} from '../files/table.js'
import {derivedUnit, type RecognisedFile, recogniseFiles} from '../files/units.js'
import {bankTransactionKey, buildMyobBankTransaction} from './banking.js'
import {cardId, MyobContext, type MyobFacts} from './context.js'
import {buildMyobDocument} from './documents.js'
import {expandMyobHeaders, recogniseMyobFile} from './headers.js'
import {buildMyobJournal, buildMyobPayment} from './journals.js'
import {MYOB, MYOB_TYPE_ORDER, type MyobFileType} from './layouts.js'
import {accountFromRow, cardFileRole, cardFromRow, itemFromRow} from './lists.js'

export interface MyobOptions {
  path: string
  dateOrder?: DateOrder
  /** Facts the files do not carry (freight accounts, exchange rates), from the mapping workbook. */
  facts?: MyobFacts
}

export type MyobAdapter = SourceAdapter & {warnings(): string[]}

/** MYOB AccountRight exports (sources.md §4): tab or comma text, one unit per file, typed by its header row. */
export function myobAdapter(options: MyobOptions): MyobAdapter {
  const ctx = new MyobContext(options.facts)
  return {
    system: 'myob',
    warnings: () => [...ctx.warnings],
    async *units(): AsyncGenerator<ExtractUnit> {
      const paths = listInputFiles(options.path)
      const {files, others} = await recogniseFiles(paths, 'myob', recogniseMyobFile, 'MYOB AccountRight')
      yield* others
      files.sort((a, b) => MYOB_TYPE_ORDER.indexOf(a.type) - MYOB_TYPE_ORDER.indexOf(b.type))
      for (const file of files) {
        yield {
          label: file.path,
          type: `myob:${file.type}`,
          contentHash: file.sniff.contentHash,
          complete: true,
          records: () => fileRecords(file, ctx, options),
          committed: () => ctx.commitFile(),
        }
      }
      yield derivedRecords(ctx)
      if (ctx.skippedQuotesOrders) {
        ctx.warnings.push(
          `${ctx.skippedQuotesOrders} quotes and orders (Status Q/O) skipped: they are not transactions`,
        )
      }
    },
  }
}

/** The header of a recognised file, read by the keys of its layout (myob/layouts.ts). */
function headerMap(file: RecognisedFile<MyobFileType>): HeaderMap {
  return new HeaderMap(
    expandMyobHeaders(file.header.names),
    (name) => MYOB.keyOf(file.type, name),
    MYOB.keys(file.type),
  )
}

/**
 * The data rows (undefined for a blank line, which ends a variable-length record). MYOB writes every field
 * of its layout on every line, so a row with more or fewer fields than the header is refused: its values
 * would sit under the wrong columns (a stray tab, a line cut short).
 */
async function* dataRows(
  file: RecognisedFile<MyobFileType>,
  headers: HeaderMap,
  /** A pass that reads only the first rows (the date order): no worker thread to start for it. */
  peek = false,
): AsyncGenerator<TableRow | undefined> {
  const width = headers.names.length
  for await (const raw of readRows(file.path, {
    encoding: file.sniff.encoding,
    delimiter: file.header.delimiter,
    fromLine: file.header.line + 1,
    keepEmpty: true,
    ...(peek ? {thread: false} : {}),
  })) {
    if (raw.fields.length === 0 || raw.fields.every((f) => f.trim() === '')) {
      yield undefined
      continue
    }
    if (raw.fields.length !== width) {
      const more = raw.fields.length > width
      throw fileError(
        {
          file: file.path,
          line: raw.line,
          column: more
            ? `#${width + 1}`
            : (headers.names[raw.fields.length] ?? `#${raw.fields.length + 1}`).trim(),
        },
        `the row has ${raw.fields.length} fields but the header has ${width} (${more ? 'a stray delimiter inside a value, or a different delimiter' : 'the line is cut short, or a delimiter is missing'})`,
      )
    }
    yield new TableRow(file.path, raw.line, headers, raw.fields)
  }
}

async function detectOrder(
  file: RecognisedFile<MyobFileType>,
  headers: HeaderMap,
  ctx: MyobContext,
  override?: DateOrder,
): Promise<DateOrder> {
  if (override) return override
  if (!MYOB.keys(file.type).has('date') || !headers.has('date')) return 'dmy'
  const detector = new DateOrderDetector()
  for await (const row of dataRows(file, headers, true)) {
    if (row) detector.add(row.text('date'))
    if (detector.settled) break
  }
  const order = detector.result()
  if (order === 'conflict')
    throw fileError({file: file.path}, 'mixed date formats: some dates are day-first and others month-first')
  if (!order && detector.ambiguous)
    ctx.warnings.push(
      `${file.path}: no date settles day/month order; read as d/mm/yyyy (use --date-order mdy if wrong)`,
    )
  return order ?? 'dmy'
}

async function* fileRecords(
  file: RecognisedFile<MyobFileType>,
  ctx: MyobContext,
  options: MyobOptions,
): AsyncGenerator<StagedItem> {
  const headers = headerMap(file)
  ctx.beginFile()
  const order = await detectOrder(file, headers, ctx, options.dateOrder)
  const t = file.type
  if (t === 'taxCodes' || t === 'accounts' || t === 'items' || t === 'cards') {
    const role = t === 'cards' ? cardFileRole(headers) : undefined
    for await (const row of dataRows(file, headers)) {
      if (!row) continue
      if (t === 'taxCodes') {
        const rate = row.number('rate', parseMyobMoney)
        ctx.tax.addSupplied(
          row.required('tax code'),
          row.text('description') || row.text('tax code'),
          rate?.toString() ?? '0',
        )
        continue
      }
      const item =
        t === 'accounts'
          ? accountFromRow(row, ctx)
          : t === 'items'
            ? itemFromRow(row, ctx)
            : cardFromRow(row, ctx, role)
      if (item.kind === 'contact') ctx.listedCard(item.id)
      yield item
    }
  } else {
    const idsInFile = new Map<string, number>()
    for await (const rows of blocks(file, headers, t)) {
      const item = buildBlock(rows, t, order, ctx, idsInFile)
      if (item) yield item
    }
  }
}

/** Variable-length records: a blank line ends one; so does a change of document number (files without blanks). */
async function* blocks(
  file: RecognisedFile<MyobFileType>,
  headers: HeaderMap,
  type: MyobFileType,
): AsyncGenerator<TableRow[]> {
  let current: TableRow[] = []
  let currentKey = ''
  const keyOf = (row: TableRow) => {
    if (type === 'itemSales' || type === 'serviceSales') return row.text('invoice #')
    if (type === 'itemPurchases' || type === 'servicePurchases') return row.text('purchase #')
    if (type === 'journals') return `${row.text('journal number')}|${row.text('date')}`
    if (type === 'spendMoney' || type === 'receiveMoney') {
      return bankTransactionKey(row, type === 'spendMoney' ? 'spend' : 'receive') ?? currentKey
    }
    const ref = type === 'customerPayments' ? 'id #' : 'cheque #'
    return `${row.text('date')}|${row.text('co./last name')}|${row.text('first name')}|${row.text(ref)}`
  }
  for await (const row of dataRows(file, headers)) {
    if (!row) {
      if (current.length) yield current
      current = []
      continue
    }
    const key = keyOf(row)
    if (current.length && key !== currentKey && type !== 'journals') {
      yield current
      current = []
    } else if (current.length && type === 'journals' && row.text('journal number') && key !== currentKey) {
      yield current
      current = []
    }
    currentKey = key
    current.push(row)
  }
  if (current.length) yield current
}

function buildBlock(
  rows: TableRow[],
  type: MyobFileType,
  order: DateOrder,
  ctx: MyobContext,
  idsInFile: Map<string, number>,
): StagedItem | undefined {
  switch (type) {
    case 'itemSales':
      return buildMyobDocument(rows, 'sales', 'item', order, ctx)
    case 'serviceSales':
      return buildMyobDocument(rows, 'sales', 'service', order, ctx)
    case 'itemPurchases':
      return buildMyobDocument(rows, 'purchases', 'item', order, ctx)
    case 'servicePurchases':
      return buildMyobDocument(rows, 'purchases', 'service', order, ctx)
    case 'journals':
      return buildMyobJournal(rows, order, ctx)
    case 'customerPayments':
      return buildMyobPayment(rows, false, order, ctx)
    case 'supplierPayments':
      return buildMyobPayment(rows, true, order, ctx)
    case 'spendMoney':
      return buildMyobBankTransaction(rows, 'spend', order, ctx, idsInFile)
    case 'receiveMoney':
      return buildMyobBankTransaction(rows, 'receive', order, ctx, idsInFile)
    default:
      return undefined
  }
}

/** Tax codes as used per direction, Job/Category tracking, and cards seen only on transactions. */
function derivedRecords(ctx: MyobContext): ExtractUnit {
  return derivedUnit('(derived from the transactions)', 'myob:derived', (): StagedItem[] => {
    const items: StagedItem[] = ctx.tax.staged().map((r) => ({kind: 'taxRate', id: r.id, record: r}))
    for (const [name, options] of [...ctx.trackingOptions].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const record = parseCanonical('trackingCategory', {
        id: name,
        name,
        options: [...options].sort().map((o) => ({name: o, active: true})),
        active: true,
      })
      items.push({kind: 'trackingCategory', id: name, record})
    }
    const cards = new Set([...ctx.roles.keys(), ...ctx.bankRoles.keys()])
    for (const id of [...cards].sort()) {
      const seen = ctx.rolesOf(id)
      if (!seen || ctx.listedCards.has(id)) continue
      const record = parseCanonical('contact', {
        id: cardId(seen.name),
        name: seen.name,
        isIndividual: seen.name.includes(', '),
        isCustomer: seen.isCustomer,
        isSupplier: seen.isSupplier,
        active: true,
      })
      items.push({kind: 'contact', id, record})
    }
    return items
  })
}
