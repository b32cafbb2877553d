import {parseCanonical} from '../../domain/canonical.js'
import type {ExtractUnit, SourceAdapter, StagedItem} from '../adapter.js'
import {listInputFiles} from '../files/discover.js'
import {fileError} from '../files/errors.js'
import {type DateOrder, DateOrderDetector, parseMyobMoney} from '../files/parse-values.js'
import {readRows} from '../files/rows.js'
import {HeaderMap, TableRow} from '../files/table.js'
import {derivedUnit, otherSource, type RecognisedFile, recogniseFiles} from '../files/units.js'
import {recogniseXeroHeader} from '../xero-csv/headers.js'
import {bankTransactionKey, buildMyobBankTransaction} from './banking.js'
import {cardId, MyobContext} from './context.js'
import {buildMyobDocument, numberKey} from './documents.js'
import {
  expandMyobHeaders,
  MYOB_TYPE_ORDER,
  type MyobFileType,
  myobKey,
  myobNotMigrated,
  recogniseMyobHeader,
} from './headers.js'
import {buildMyobJournal, buildMyobPayment} from './journals.js'
import {accountFromRow, cardFileRole, cardFromRow, itemFromRow} from './lists.js'

export interface MyobOptions {
  path: string
  dateOrder?: DateOrder
}

export type MyobAdapter = SourceAdapter & {warnings(): string[]}

const REQUIRED: Partial<Record<MyobFileType, string[]>> = {
  accounts: ['account number', 'account name'],
  items: ['item number'],
  cards: ['co./last name'],
  itemSales: ['co./last name', 'invoice #', 'date'],
  serviceSales: ['co./last name', 'invoice #', 'date'],
  itemPurchases: ['co./last name', 'date'],
  servicePurchases: ['co./last name', 'date'],
  journals: ['date'],
  customerPayments: ['co./last name', 'invoice #', 'amount applied'],
  supplierPayments: ['co./last name', 'amount applied'],
  spendMoney: ['cheque account', 'date'],
  receiveMoney: ['deposit account', 'date'],
}

/** MYOB AccountRight exports (sources.md §4): tab or comma text, one unit per file, typed by its header row. */
export function myobAdapter(options: MyobOptions): MyobAdapter {
  const ctx = new MyobContext()
  return {
    system: 'myob',
    warnings: () => [...ctx.warnings],
    async *units(): AsyncGenerator<ExtractUnit> {
      const paths = listInputFiles(options.path)
      const {files, rejected} = await recogniseFiles(
        paths,
        'myob',
        (h) =>
          recogniseMyobHeader(expandMyobHeaders(h.names)) ??
          myobNotMigrated(expandMyobHeaders(h.names)) ??
          (recogniseXeroHeader(h.names) ? otherSource('a Xero CSV export', 'xero-csv') : undefined),
        'MYOB AccountRight',
      )
      yield* rejected
      files.sort((a, b) => MYOB_TYPE_ORDER.indexOf(a.type) - MYOB_TYPE_ORDER.indexOf(b.type))
      for (const file of files) {
        yield {
          label: file.path,
          type: `myob:${file.type}`,
          contentHash: file.sniff.contentHash,
          complete: true,
          records: () => fileRecords(file, ctx, options),
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

async function* dataRows(
  file: RecognisedFile<MyobFileType>,
  headers: HeaderMap,
): AsyncGenerator<TableRow | undefined> {
  for await (const raw of readRows(file.path, {
    encoding: file.sniff.encoding,
    delimiter: file.header.delimiter,
    fromLine: file.header.line + 1,
    keepEmpty: true,
  })) {
    if (raw.fields.length === 0 || raw.fields.every((f) => f.trim() === '')) {
      yield undefined // a blank line ends a variable-length record
      continue
    }
    if (
      raw.fields.length > headers.names.length &&
      raw.fields.slice(headers.names.length).some((f) => f.trim() !== '')
    ) {
      throw fileError(
        {file: file.path, line: raw.line, column: `#${headers.names.length + 1}`},
        `the row has ${raw.fields.length} fields but the header has ${headers.names.length} (wrong delimiter or an unquoted separator)`,
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
  if (!headers.has('date')) return 'dmy'
  const detector = new DateOrderDetector()
  for await (const row of dataRows(file, headers)) {
    if (row) detector.add(row.text('date'))
    if (detector.settled) break
  }
  const order = detector.result()
  if (order === 'conflict')
    throw fileError({file: file.path}, 'mixed date formats: some dates are day-first and others month-first')
  if (!order)
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
  const headers = new HeaderMap(expandMyobHeaders(file.header.names), myobKey)
  for (const key of REQUIRED[file.type] ?? []) {
    if (!headers.has(key))
      throw fileError(
        {file: file.path, line: file.header.line, column: key},
        `missing required column "${key}"`,
      )
  }
  ctx.beginFile()
  const order = await detectOrder(file, headers, ctx, options.dateOrder)
  const t = file.type
  if (t === 'taxCodes' || t === 'accounts' || t === 'items' || t === 'cards') {
    const role = cardFileRole(new Set(headers.index.keys()))
    for await (const row of dataRows(file, headers)) {
      if (!row) continue
      if (t === 'taxCodes') {
        const rate =
          row.number('rate', parseMyobMoney) ??
          row.number('tax rate', parseMyobMoney) ??
          row.number('percentage', parseMyobMoney)
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
      if (item.kind === 'contact') ctx.listedCards.add(item.id)
      yield item
    }
  } else {
    const idsInFile = new Map<string, number>()
    for await (const rows of blocks(file, headers, t)) {
      const item = buildBlock(rows, t, order, ctx, idsInFile)
      if (item) yield item
    }
  }
  ctx.commitFile()
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
    if (type === 'itemPurchases' || type === 'servicePurchases') return row.text(numberKey(row, 'purchases'))
    if (type === 'journals') return `${row.text('journal number')}|${row.text('date')}`
    if (type === 'spendMoney' || type === 'receiveMoney') {
      return bankTransactionKey(row, type === 'spendMoney' ? 'spend' : 'receive') ?? currentKey
    }
    return `${row.text('date')}|${row.text('co./last name')}|${row.text('first name')}|${row.text('id #')}`
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
