import type {Account, Contact, Item, TaxRate, TrackingCategory} from '../../domain/canonical.js'
type Terms = NonNullable<Contact['salesTerms']>
import {dec, unitText} from '../../domain/money.js'
import {accountIdOf, type MapContext} from './map-context.js'
import type {XAccount, XAddress, XContact, XTerm} from './sdk-schemas.js'
import type {XItem, XTaxRate, XTrackingCategory} from './sdk-schemas.js'
import type {z} from 'zod'

const TYPES: Record<string, Account['type']> = {
  BANK: 'bank',
  CURRENT: 'currentAsset',
  FIXED: 'fixedAsset',
  NONCURRENT: 'nonCurrentAsset',
  INVENTORY: 'inventory',
  PREPAYMENT: 'prepayment',
  CURRLIAB: 'currentLiability',
  TERMLIAB: 'nonCurrentLiability',
  LIABILITY: 'liability',
  PAYG: 'currentLiability',
  PAYGLIABILITY: 'currentLiability',
  SUPERANNUATIONLIABILITY: 'currentLiability',
  WAGEPAYABLES: 'currentLiability',
  EQUITY: 'equity',
  REVENUE: 'revenue',
  SALES: 'sales',
  OTHERINCOME: 'otherIncome',
  DIRECTCOSTS: 'directCosts',
  EXPENSE: 'expense',
  WAGESEXPENSE: 'expense',
  SUPERANNUATIONEXPENSE: 'expense',
  OVERHEADS: 'overheads',
  DEPRECIATN: 'depreciation',
}

const CLASS_FALLBACK: Record<Account['class'], Account['type']> = {
  asset: 'currentAsset',
  liability: 'currentLiability',
  equity: 'equity',
  revenue: 'revenue',
  expense: 'expense',
}

const SYSTEM: Record<string, NonNullable<Account['systemAccount']>> = {
  DEBTORS: 'AR',
  CREDITORS: 'AP',
  GST: 'GST',
  GSTONIMPORTS: 'GST',
  RETAINEDEARNINGS: 'RETAINED_EARNINGS',
  HISTORICAL: 'HISTORICAL',
  ROUNDING: 'ROUNDING',
  UNPAIDEXPCLM: 'UNPAID_EXPENSE_CLAIMS',
  TRACKINGTRANSFERS: 'TRACKING',
  BANKCURRENCYGAIN: 'CURRENCY_GAIN',
  REALISEDCURRENCYGAIN: 'CURRENCY_GAIN',
  UNREALISEDCURRENCYGAIN: 'CURRENCY_GAIN',
}

function classOf(account: XAccount, type: string): Account['class'] {
  const given = account._class?.toLowerCase()
  if (
    given === 'asset' ||
    given === 'liability' ||
    given === 'equity' ||
    given === 'revenue' ||
    given === 'expense'
  ) {
    return given
  }
  if (['BANK', 'CURRENT', 'FIXED', 'NONCURRENT', 'INVENTORY', 'PREPAYMENT'].includes(type)) return 'asset'
  if (['EQUITY'].includes(type)) return 'equity'
  if (['REVENUE', 'SALES', 'OTHERINCOME'].includes(type)) return 'revenue'
  if (['CURRLIAB', 'TERMLIAB', 'LIABILITY', 'PAYG', 'PAYGLIABILITY'].includes(type)) return 'liability'
  return 'expense'
}

/** Account types are an open list in practice (AU payroll types); unknown ones fall back on the class. */
export function mapAccount(account: XAccount): Account {
  const sourceType = account.type ?? ''
  const klass = classOf(account, sourceType)
  const system = account.systemAccount ? (SYSTEM[account.systemAccount] ?? 'OTHER') : undefined
  let type = TYPES[sourceType] ?? CLASS_FALLBACK[klass]
  if (type === 'bank' && account.bankAccountType === 'CREDITCARD') type = 'creditCard'
  if (system === 'AR') type = 'accountsReceivable'
  if (system === 'AP') type = 'accountsPayable'
  return {
    id: accountIdOf(account),
    ...(account.code ? {code: account.code} : {}),
    name: account.name,
    type,
    sourceType,
    class: klass,
    isHeader: false,
    ...(system ? {systemAccount: system} : {}),
    ...(account.taxType ? {taxCode: account.taxType} : {}),
    ...(account.description ? {description: account.description} : {}),
    ...(account.bankAccountNumber ? {bankAccountNumber: account.bankAccountNumber} : {}),
    ...(account.currencyCode ? {currency: account.currencyCode} : {}),
    active: (account.status ?? 'ACTIVE') === 'ACTIVE',
  }
}

export function mapTaxRate(rate: z.infer<typeof XTaxRate>): TaxRate {
  const sales = rate.canApplyToRevenue ?? true
  const purchases = rate.canApplyToExpenses ?? true
  return {
    id: rate.taxType,
    name: rate.name,
    rate: dec(rate.effectiveRate ?? rate.displayTaxRate ?? 0).toFixed(),
    appliesTo: sales && !purchases ? 'sales' : purchases && !sales ? 'purchases' : 'both',
    ...(rate.reportTaxType ? {reportType: rate.reportTaxType} : {}),
    active: (rate.status ?? 'ACTIVE') === 'ACTIVE',
  }
}

/** Lines refer to tracking by category and option name, so the category's id is its name. */
export function mapTrackingCategory(category: z.infer<typeof XTrackingCategory>): TrackingCategory {
  return {
    id: category.name,
    name: category.name,
    options: (category.options ?? [])
      .filter((o) => o.name)
      .map((o) => ({name: o.name!, active: (o.status ?? 'ACTIVE') === 'ACTIVE'})),
    active: (category.status ?? 'ACTIVE') === 'ACTIVE',
  }
}

const TERMS: Record<string, Terms['type']> = {
  DAYSAFTERBILLDATE: 'daysAfterInvoice',
  DAYSAFTERBILLMONTH: 'daysAfterEndOfMonth',
  OFCURRENTMONTH: 'dayOfCurrentMonth',
  OFFOLLOWINGMONTH: 'dayOfFollowingMonth',
}

function termsOf(term: XTerm | undefined): Terms | undefined {
  const type = term?.type ? TERMS[term.type] : undefined
  if (!type) return undefined
  return {type, ...(term?.day !== undefined ? {days: term.day} : {})}
}

function addressOf(address: XAddress | undefined): Contact['billingAddress'] {
  if (!address) return undefined
  const lines = [address.addressLine1, address.addressLine2, address.addressLine3, address.addressLine4]
    .map((l) => l?.trim())
    .filter((l): l is string => !!l)
  const rest = {
    ...(address.attentionTo ? {attention: address.attentionTo} : {}),
    ...(address.city ? {city: address.city} : {}),
    ...(address.region ? {region: address.region} : {}),
    ...(address.postalCode ? {postalCode: address.postalCode} : {}),
    ...(address.country ? {country: address.country} : {}),
  }
  if (lines.length === 0 && Object.keys(rest).length === 0) return undefined
  return {lines, ...rest}
}

function phoneOf(contact: XContact, type: string): string | undefined {
  const phone = contact.phones?.find((p) => p.phoneType === type)
  if (!phone?.phoneNumber) return undefined
  return [phone.phoneCountryCode, phone.phoneAreaCode, phone.phoneNumber].filter((p) => !!p).join(' ')
}

/** A Xero contact's id is its ContactID: it survives renames between an extract and an incremental one. */
export function mapContact(contact: XContact): Contact {
  const billing = addressOf(contact.addresses?.find((a) => a.addressType === 'POBOX'))
  const delivery = addressOf(contact.addresses?.find((a) => a.addressType === 'STREET'))
  const salesTerms = termsOf(contact.paymentTerms?.sales)
  const billTerms = termsOf(contact.paymentTerms?.bills)
  const optional = {
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.emailAddress,
    phone: phoneOf(contact, 'DEFAULT'),
    mobile: phoneOf(contact, 'MOBILE'),
    fax: phoneOf(contact, 'FAX'),
    website: contact.website,
    taxNumber: contact.taxNumber,
    accountNumber: contact.accountNumber,
    currency: contact.defaultCurrency,
    billingAddress: billing,
    deliveryAddress: delivery,
    salesTerms,
    billTerms,
  }
  return {
    id: contact.contactID,
    name: contact.name,
    isIndividual: false,
    isCustomer: contact.isCustomer ?? false,
    isSupplier: contact.isSupplier ?? false,
    active: (contact.contactStatus ?? 'ACTIVE') === 'ACTIVE',
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, v]) => v !== undefined && v !== ''),
    ) as Partial<Contact>),
  }
}

/** Items are referred to by Code on lines, so an item's id is its Code. */
export function mapItem(item: z.infer<typeof XItem>, context: MapContext): Item {
  const tracked = item.isTrackedAsInventory ?? false
  const sales = item.salesDetails
  const purchase = item.purchaseDetails
  const optional = {
    description: item.description,
    purchaseDescription: item.purchaseDescription,
    salePrice: sales?.unitPrice !== undefined ? unitText(dec(sales.unitPrice)) : undefined,
    purchasePrice: purchase?.unitPrice !== undefined ? unitText(dec(purchase.unitPrice)) : undefined,
    salesAccountId: sales?.accountCode,
    purchaseAccountId: purchase?.accountCode ?? purchase?.cOGSAccountCode,
    salesTaxCode: sales?.taxType,
    purchaseTaxCode: purchase?.taxType,
    inventoryAssetAccountId: tracked ? item.inventoryAssetAccountCode : undefined,
    cogsAccountId: tracked ? purchase?.cOGSAccountCode : undefined,
    quantityOnHand:
      tracked && item.quantityOnHand !== undefined ? unitText(dec(item.quantityOnHand)) : undefined,
    quantityAsOf: tracked ? context.today : undefined,
  }
  return {
    id: item.code,
    code: item.code,
    name: item.name || item.code,
    tracked,
    isSold: item.isSold ?? true,
    isPurchased: item.isPurchased ?? true,
    active: true,
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, v]) => v !== undefined && v !== ''),
    ) as Partial<Item>),
  }
}
