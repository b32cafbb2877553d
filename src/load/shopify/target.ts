import {D, type Dec} from '../../domain/money.js'
import {type QboClient, select} from '../../qbo/index.js'

type Row = Record<string, unknown>

/** What the sync needs to know of the QBO company, by name (QBO names are unique, case-insensitively). */
export interface ShopifyTarget {
  homeCurrency: string
  multiCurrency: boolean
  accounts: Map<string, {id: string; type: string; subType: string}>
  items: Map<string, string>
  itemsBySku: Map<string, string>
  /** Tax code name → id, and each sales code's total rate in percent ("10"). */
  taxCodes: Map<string, string>
  salesPercent: Map<string, string>
  paymentMethods: Map<string, string>
  customers: Map<string, {id: string; currency: string | undefined}>
}

const key = (name: string) => name.trim().toLowerCase()

function ref(obj: unknown, field: string): string | undefined {
  const v = (obj as Row | undefined)?.[field]
  if (v && typeof v === 'object' && 'value' in v) return String((v as {value: unknown}).value)
  return undefined
}

/** Reads the company's currency settings and the lists the posting model names (active records only). */
export async function readShopifyTarget(client: QboClient): Promise<ShopifyTarget> {
  const active = (entity: string) => client.queryAll(select(entity))
  const [prefs] = await client.queryAll(select('Preferences'))
  const currency = (prefs?.CurrencyPrefs ?? {}) as Row
  const target: ShopifyTarget = {
    homeCurrency:
      ref(currency, 'HomeCurrency') ??
      (typeof currency.HomeCurrency === 'string' ? currency.HomeCurrency : 'USD'),
    multiCurrency: currency.MultiCurrencyEnabled === true,
    accounts: new Map(),
    items: new Map(),
    itemsBySku: new Map(),
    taxCodes: new Map(),
    salesPercent: new Map(),
    paymentMethods: new Map(),
    customers: new Map(),
  }
  for (const a of await active('Account'))
    target.accounts.set(key(String(a.FullyQualifiedName ?? a.Name)), {
      id: String(a.Id),
      type: String(a.AccountType ?? ''),
      subType: String(a.AccountSubType ?? ''),
    })
  for (const i of await active('Item')) addItem(target, i)
  const rates = new Map<string, Dec>()
  for (const r of await active('TaxRate')) rates.set(String(r.Id), new D(Number(r.RateValue ?? 0)))
  for (const c of await active('TaxCode')) {
    target.taxCodes.set(key(String(c.Name)), String(c.Id))
    const list = (c.SalesTaxRateList as {TaxRateDetail?: Row[]} | undefined)?.TaxRateDetail ?? []
    if (list.length === 0) continue
    const percent = list.reduce((acc, d) => acc.plus(rates.get(ref(d, 'TaxRateRef') ?? '') ?? 0), new D(0))
    target.salesPercent.set(String(c.Id), percent.toDecimalPlaces(4).toString())
  }
  for (const m of await active('PaymentMethod')) target.paymentMethods.set(key(String(m.Name)), String(m.Id))
  for (const c of await active('Customer')) addCustomer(target, c)
  return target
}

export function addItem(target: ShopifyTarget, item: Row): void {
  target.items.set(key(String(item.FullyQualifiedName ?? item.Name)), String(item.Id))
  if (typeof item.Sku === 'string' && item.Sku.trim()) target.itemsBySku.set(item.Sku.trim(), String(item.Id))
}

export function addCustomer(target: ShopifyTarget, c: Row): void {
  target.customers.set(key(String(c.DisplayName)), {id: String(c.Id), currency: ref(c, 'CurrencyRef')})
}

export function findByName<T>(map: Map<string, T>, name: string | undefined): T | undefined {
  return name === undefined ? undefined : map.get(key(name))
}
