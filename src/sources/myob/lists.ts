import {type Account, type Contact, parseCanonical} from '../../domain/canonical.js'
import {unitText} from '../../domain/money.js'
import type {StagedItem} from '../adapter.js'
import {parseMyobMoney} from '../files/parse-values.js'
import type {HeaderMap, TableRow} from '../files/table.js'
import {dropUndefined} from '../xero-csv/lists.js'
import {cardId, cardName, type MyobContext, unescapeText} from './context.js'

type AccountType = Account['type']
type AccountClass = Account['class']

/** MYOB detail and header account types (sources.md §4.2) -> canonical type and class. */
const TYPES: Record<string, [AccountType, AccountClass]> = {
  bank: ['bank', 'asset'],
  'accounts receivable': ['accountsReceivable', 'asset'],
  'other current asset': ['currentAsset', 'asset'],
  'fixed asset': ['fixedAsset', 'asset'],
  'other asset': ['nonCurrentAsset', 'asset'],
  asset: ['currentAsset', 'asset'],
  'credit card': ['creditCard', 'liability'],
  'accounts payable': ['accountsPayable', 'liability'],
  'other current liability': ['currentLiability', 'liability'],
  'long term liability': ['nonCurrentLiability', 'liability'],
  'other liability': ['liability', 'liability'],
  liability: ['currentLiability', 'liability'],
  equity: ['equity', 'equity'],
  income: ['revenue', 'revenue'],
  'cost of sales': ['directCosts', 'expense'],
  expense: ['expense', 'expense'],
  expenses: ['expense', 'expense'],
  'other income': ['otherIncome', 'revenue'],
  'other expense': ['otherExpense', 'expense'],
}
/** The first digit of an account number gives the classification when no type column was exported. */
const BY_DIGIT: Record<string, [AccountType, AccountClass]> = {
  '1': ['currentAsset', 'asset'],
  '2': ['currentLiability', 'liability'],
  '3': ['equity', 'equity'],
  '4': ['revenue', 'revenue'],
  '5': ['directCosts', 'expense'],
  '6': ['expense', 'expense'],
  '8': ['otherIncome', 'revenue'],
  '9': ['otherExpense', 'expense'],
}

export function accountFromRow(row: TableRow, ctx: MyobContext): StagedItem {
  const number = row.required('account number', 'account number')
  const name = row.required('account name', 'account name')
  const typeText = row.text('account type')
  const mapped = typeText ? TYPES[typeText.toLowerCase()] : BY_DIGIT[number.charAt(0)]
  if (!mapped)
    throw row.fail(
      typeText ? 'account type' : 'account number',
      `unknown account type "${typeText || number}"`,
    )
  const header = row.text('header') !== '' && !/^n(o)?$/i.test(row.text('header'))
  const taxText = row.text('tax code')
  const direction = mapped[1] === 'revenue' ? 'sales' : 'purchases'
  const taxCode = taxText ? ctx.tax.resolve(taxText, direction) : undefined
  if (taxText && !taxCode) throw row.fail('tax code', `unknown tax code "${taxText}"`)
  const inactive = row.text('inactive account')
  const record = parseCanonical(
    'account',
    dropUndefined({
      id: number,
      code: number,
      name,
      type: mapped[0],
      sourceType: typeText || `classification ${number.charAt(0)}`,
      class: mapped[1],
      isHeader: header,
      systemAccount:
        mapped[0] === 'accountsReceivable' ? 'AR' : mapped[0] === 'accountsPayable' ? 'AP' : undefined,
      taxCode,
      description: row.optional('description') && unescapeText(row.text('description')),
      currency: row.optional('currency code')?.toUpperCase(),
      active: inactive === '' || /^n/i.test(inactive),
    }),
  )
  ctx.sawAccount({id: number, name, class: mapped[1], isHeader: header})
  return {kind: 'account', id: number, record}
}

export function itemFromRow(row: TableRow, ctx: MyobContext): StagedItem {
  const code = row.required('item number', 'item number')
  const flag = (k: string) => row.text(k) !== '' && !/^n(o)?$/i.test(row.text(k))
  const price = (k: string) => {
    const v = row.number(k, parseMyobMoney)
    return v ? unitText(v) : undefined
  }
  const tax = (k: string, d: 'sales' | 'purchases') => {
    const t = row.text(k)
    if (!t) return undefined
    const id = ctx.tax.resolve(t, d)
    if (!id) throw row.fail(k, `unknown tax code "${t}"`)
    return id
  }
  const tracked = flag('inventory')
  const expense = row.optional('expense/cos acct')
  const qty = row.number('quantity on hand', parseMyobMoney)
  const record = parseCanonical(
    'item',
    dropUndefined({
      id: code,
      code,
      name: row.optional('item name') ?? code,
      description: row.optional('description') && unescapeText(row.text('description')),
      salePrice: price('selling price'),
      purchasePrice: price('standard cost'),
      salesAccountId: row.optional('income acct'),
      purchaseAccountId: tracked ? undefined : expense,
      salesTaxCode: tax('tax code when sold', 'sales'),
      purchaseTaxCode: tax('tax code when bought', 'purchases'),
      tracked,
      inventoryAssetAccountId: row.optional('asset acct'),
      cogsAccountId: tracked ? expense : undefined,
      quantityOnHand: qty ? unitText(qty) : undefined,
      isSold: flag('sell') || Boolean(row.optional('income acct')),
      isPurchased: flag('buy') || tracked,
      active: !flag('inactive item'),
    }),
  )
  return {kind: 'item', id: code, record}
}

function address(row: TableRow, n: number) {
  const p = `addr ${n} - `
  const lines = [1, 2, 3, 4].map((i) => row.text(`${p}line ${i}`)).filter(Boolean)
  const a = dropUndefined({
    lines,
    city: row.optional(`${p}city`),
    region: row.optional(`${p}state`),
    postalCode: row.optional(`${p}postcode`),
    country: row.optional(`${p}country`),
  })
  return lines.length || Object.keys(a).length > 1 ? a : undefined
}

const TERMS: Record<string, NonNullable<Contact['salesTerms']>['type']> = {
  '0': 'cod',
  '1': 'prepaid',
  '2': 'daysAfterInvoice',
  '3': 'dayOfCurrentMonth',
  '4': 'daysAfterEndOfMonth',
  '5': 'dayOfFollowingMonth',
}

/** One card. Customer or supplier comes from the header (customer-only fields) and from the documents. */
export function cardFromRow(
  row: TableRow,
  ctx: MyobContext,
  headerSays: 'customer' | 'supplier' | undefined,
): StagedItem {
  if (!row.text('co./last name')) throw row.fail('co./last name', 'missing card name')
  const {name, last, first} = cardName(row)
  const id = cardId(name)
  // Roles from bank transactions only matter when neither the header nor the documents give one.
  const seen = ctx.roles.get(id) ?? (headerSays ? undefined : ctx.bankRoles.get(id))
  const isCustomer = headerSays === 'customer' || (seen?.isCustomer ?? false)
  const isSupplier = headerSays === 'supplier' || (seen?.isSupplier ?? false)
  const termCode = row.text('terms - payment is due')
  const termType = termCode ? TERMS[termCode] : undefined
  const days = row.text('terms - balance due days')
  const terms = termType
    ? {type: termType, ...(/^\d{1,3}$/.test(days) ? {days: Number(days)} : {})}
    : undefined
  const status = row.text('card status').toUpperCase()
  const record = parseCanonical(
    'contact',
    dropUndefined({
      id,
      name,
      firstName: first,
      lastName: first ? last : undefined,
      companyName: first ? undefined : last,
      isIndividual: Boolean(first),
      email: row.optional('addr 1 - email'),
      phone: row.optional('addr 1 - phone # 1'),
      fax: row.optional('addr 1 - fax #'),
      website: row.optional('addr 1 - www'),
      taxNumber: row.optional('a.b.n.') ?? row.optional('tax id no.'),
      accountNumber: row.optional('card id') === '*None' ? undefined : row.optional('card id'),
      isCustomer: isCustomer || (!isSupplier && headerSays === undefined),
      isSupplier,
      currency: row.optional('currency code')?.toUpperCase(),
      billingAddress: address(row, 1),
      deliveryAddress: address(row, 2),
      salesTerms: isCustomer ? terms : undefined,
      billTerms: isSupplier && !isCustomer ? terms : undefined,
      notes: row.optional('notes') && unescapeText(row.text('notes')),
      active: status !== 'Y' && status !== 'INACTIVE',
    }),
  )
  return {kind: 'contact', id, record}
}

/**
 * Customer-only or supplier-only card fields (UNCONFIRMED; documents settle the rest). A header with both
 * (someone's own column choice) says nothing.
 */
export function cardFileRole(headers: HeaderMap): 'customer' | 'supplier' | undefined {
  const customer = ['price level', 'salesperson', 'receipt memo'].some((k) => headers.has(k))
  const supplier = ['expense account', 'payment memo'].some((k) => headers.has(k))
  return customer === supplier ? undefined : customer ? 'customer' : 'supplier'
}
