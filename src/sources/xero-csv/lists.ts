import {type Account, type Contact, type Item, parseCanonical} from '../../domain/canonical.js'
import {unitText} from '../../domain/money.js'
import type {StagedItem} from '../adapter.js'
import type {TableRow} from '../files/table.js'
import {parseXeroNumber} from '../files/parse-values.js'
import {type XeroContext, xeroAccountId, xeroContactId} from './context.js'

type AccountType = Account['type']
type AccountClass = Account['class']
type Terms = NonNullable<Contact['salesTerms']>

/** Xero's account type display names (and API codes) -> canonical type and class (sources.md §1.4, §2.1). */
const ACCOUNT_TYPES: Record<string, [AccountType, AccountClass, Account['systemAccount']?]> = {
  bank: ['bank', 'asset'],
  currentasset: ['currentAsset', 'asset'],
  current: ['currentAsset', 'asset'],
  fixedasset: ['fixedAsset', 'asset'],
  fixed: ['fixedAsset', 'asset'],
  noncurrentasset: ['nonCurrentAsset', 'asset'],
  noncurrent: ['nonCurrentAsset', 'asset'],
  inventory: ['inventory', 'asset'],
  prepayment: ['prepayment', 'asset'],
  accountsreceivable: ['accountsReceivable', 'asset', 'AR'],
  currentliability: ['currentLiability', 'liability'],
  currliab: ['currentLiability', 'liability'],
  noncurrentliability: ['nonCurrentLiability', 'liability'],
  termliab: ['nonCurrentLiability', 'liability'],
  liability: ['liability', 'liability'],
  accountspayable: ['accountsPayable', 'liability', 'AP'],
  unpaidexpenseclaims: ['currentLiability', 'liability', 'UNPAID_EXPENSE_CLAIMS'],
  gst: ['currentLiability', 'liability', 'GST'],
  vat: ['currentLiability', 'liability', 'GST'],
  paygliability: ['currentLiability', 'liability'],
  payg: ['currentLiability', 'liability'],
  superannuationliability: ['currentLiability', 'liability'],
  wagespayable: ['currentLiability', 'liability'],
  equity: ['equity', 'equity'],
  retainedearnings: ['equity', 'equity', 'RETAINED_EARNINGS'],
  historical: ['equity', 'equity', 'HISTORICAL'],
  revenue: ['revenue', 'revenue'],
  sales: ['sales', 'revenue'],
  otherincome: ['otherIncome', 'revenue'],
  directcosts: ['directCosts', 'expense'],
  expense: ['expense', 'expense'],
  overhead: ['overheads', 'expense'],
  overheads: ['overheads', 'expense'],
  depreciation: ['depreciation', 'expense'],
  depreciatn: ['depreciation', 'expense'],
  superannuationexpense: ['expense', 'expense'],
  wagesexpense: ['expense', 'expense'],
  rounding: ['expense', 'expense', 'ROUNDING'],
  tracking: ['currentLiability', 'liability', 'TRACKING'],
}

export function accountFromRow(row: TableRow, ctx: XeroContext): StagedItem {
  const name = row.required('name', 'account name')
  const typeText = row.required('type', 'account type')
  const typeKey = typeText
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/gst$/, 'gst')
  const mapped =
    ACCOUNT_TYPES[typeKey] ??
    (typeKey.startsWith('vat') || typeKey.startsWith('gst') ? ACCOUNT_TYPES.gst : undefined)
  if (!mapped) throw row.fail('type', `unknown account type "${typeText}"`)
  const taxName = row.text('taxcode')
  let taxCode: string | undefined
  if (taxName) {
    const rate = ctx.tax.resolve(taxName)
    if (!rate)
      throw row.fail(
        'taxcode',
        ctx.tax.unknown(taxName),
        'Add it to a tax rates mapping file (Name,TaxType,Rate), then run the extract again.',
      )
    taxCode = rate.id
  }
  const code = row.text('code')
  const id = xeroAccountId(code, name)
  ctx.sawAccount(code)
  const record = parseCanonical('account', {
    id,
    ...(code ? {code} : {}),
    name,
    type: mapped[0],
    sourceType: typeText,
    class: mapped[1],
    isHeader: false,
    ...(mapped[2] ? {systemAccount: mapped[2]} : {}),
    ...(taxCode ? {taxCode} : {}),
    ...(row.optional('description') ? {description: row.text('description')} : {}),
    active: true,
  })
  return {kind: 'account', id, record}
}

export function itemFromRow(row: TableRow, ctx: XeroContext): StagedItem {
  const code = row.required('itemcode', 'item code')
  const price = (key: string) => {
    const v = row.number(key, parseXeroNumber)
    return v ? unitText(v) : undefined
  }
  const tax = (key: string) => {
    const name = row.text(key)
    if (!name) return undefined
    const rate = ctx.tax.resolve(name)
    if (!rate) throw row.fail(key, ctx.tax.unknown(name))
    return rate.id
  }
  const acct = (key: string) => (row.optional(key) ? ctx.accountRef(row, key) : undefined)
  const tracked = Boolean(row.optional('inventoryassetaccount'))
  const qty = row.number('quantity', parseXeroNumber)
  const fields: Record<string, unknown> = {
    id: code,
    code,
    name: row.optional('itemname') ?? code,
    description: row.optional('salesdescription'),
    purchaseDescription: row.optional('purchasesdescription'),
    salePrice: price('salesunitprice'),
    purchasePrice: price('purchasesunitprice'),
    salesAccountId: acct('salesaccount'),
    purchaseAccountId: acct('purchasesaccount'),
    salesTaxCode: tax('salestaxrate'),
    purchaseTaxCode: tax('purchasestaxrate'),
    tracked,
    inventoryAssetAccountId: acct('inventoryassetaccount'),
    cogsAccountId: acct('costofgoodssoldaccount'),
    quantityOnHand: qty ? unitText(qty) : undefined,
    isSold: Boolean(row.optional('salesaccount') || row.optional('salesunitprice')),
    isPurchased: Boolean(row.optional('purchasesaccount') || row.optional('purchasesunitprice') || tracked),
    active: true,
  }
  const record: Item = parseCanonical('item', dropUndefined(fields))
  return {kind: 'item', id: code, record}
}

const TERM_TYPES: Record<string, Terms['type']> = {
  'current month': 'dayOfCurrentMonth',
  'following month': 'dayOfFollowingMonth',
  'days after': 'daysAfterInvoice',
  'days after end of month': 'daysAfterEndOfMonth',
  'of the current month': 'dayOfCurrentMonth',
  'of the following month': 'dayOfFollowingMonth',
  'day(s) after bill date': 'daysAfterInvoice',
  'day(s) after the end of the bill month': 'daysAfterEndOfMonth',
}

function terms(row: TableRow, day: string, term: string): Terms | undefined {
  const t = row.text(term).toLowerCase()
  if (!t) return undefined
  const type = TERM_TYPES[t]
  if (!type) throw row.fail(term, `unknown payment term "${row.text(term)}"`)
  const d = row.text(day)
  if (d && !/^\d{1,3}$/.test(d)) throw row.fail(day, `invalid day "${d}"`)
  return {type, ...(d ? {days: Number(d)} : {})}
}

function address(row: TableRow, prefix: 'po' | 'sa') {
  const lines = [1, 2, 3, 4].map((n) => row.text(`${prefix}addressline${n}`)).filter(Boolean)
  const a = dropUndefined({
    attention: row.optional(`${prefix}attentionto`),
    lines,
    city: row.optional(`${prefix}city`),
    region: row.optional(`${prefix}region`),
    postalCode: row.optional(`${prefix}postalcode`),
    country: row.optional(`${prefix}country`),
  })
  return Object.keys(a).length > 1 || lines.length ? a : undefined
}

export function contactFromRow(row: TableRow, ctx: XeroContext): StagedItem {
  const name = row.required('contactname', 'contact name')
  const id = xeroContactId(name)
  const first = row.optional('firstname')
  const last = row.optional('lastname')
  const record: Contact = parseCanonical(
    'contact',
    dropUndefined({
      id,
      name,
      firstName: first,
      lastName: last,
      companyName: row.optional('legalname'),
      isIndividual: false,
      email: row.optional('emailaddress'),
      phone: row.optional('phonenumber'),
      mobile: row.optional('mobilenumber'),
      fax: row.optional('faxnumber'),
      website: row.optional('website'),
      taxNumber: row.optional('taxnumber'),
      accountNumber: row.optional('accountnumber'),
      ...ctx.roles(id),
      billingAddress: address(row, 'po'),
      deliveryAddress: address(row, 'sa'),
      salesTerms: terms(row, 'duedatesalesday', 'duedatesalesterm'),
      billTerms: terms(row, 'duedatebillday', 'duedatebillterm'),
      active: true,
    }),
  )
  return {kind: 'contact', id, record}
}

export function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}
