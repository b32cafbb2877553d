import type {CivilDate} from '../../domain/civil-date.js'
import {D, unitText} from '../../domain/money.js'
import {
  type FreightAccounts,
  type Side,
  type SuppliedRate,
  suggestFreightAccount,
  suppliedRateFor,
} from '../../domain/supplied-facts.js'
import {parseMyobMoney} from '../files/parse-values.js'
import type {TableRow} from '../files/table.js'
import {MyobTaxCodes} from './tax-codes.js'

/** MYOB AccountRight's home currency in the files this extract reads (AU editions). */
export const MYOB_HOME_CURRENCY = 'AUD'

/** MYOB cards are named Last + First; an individual's display name is "Last, First". */
export function cardName(row: TableRow): {name: string; last: string; first?: string} {
  const last = row.text('co./last name')
  const first = row.optional('first name')
  return {name: first ? `${last}, ${first}` : last, last, ...(first ? {first} : {})}
}

/**
 * The contact id of a card: its name exactly as written (Card ID is often `*None`). Names that differ only
 * in case or spacing are different cards; the mapper keeps their QBO names apart (docs/mapping.md).
 */
export function cardId(name: string): string {
  return name.trim()
}

/** MYOB writes line breaks inside text as the literal characters `\r\n`. */
export function unescapeText(text: string): string {
  return text.replace(/\\r\\n|\\n/g, '\n')
}

type Roles = {name: string; isCustomer: boolean; isSupplier: boolean}
interface ChartAccount {
  id: string
  name: string
  class: string
  isHeader: boolean
}

export interface MyobFacts {
  /** The freight accounts the user chose (the mapping workbook's Settings); else suggested from the chart. */
  freight?: FreightAccounts
  /** Rates for foreign-currency records whose row carries none. */
  rates?: readonly SuppliedRate[]
}

/**
 * What the files of one MYOB extract share. Everything a file teaches (the chart, card roles, tracking,
 * the tax codes it used, quotes skipped) is pending until the engine has committed that file, so a refused
 * file leaves nothing behind: not in the derived contacts and tax rates, not in the checks of later files.
 */
export class MyobContext {
  readonly tax = new MyobTaxCodes()
  /** Customer/supplier roles from sales, purchases and payments. */
  readonly roles = new Map<string, Roles>()
  /**
   * Roles seen only on spend and receive money. They count for a card nothing else gives a role: a customer
   * refunded by cheque stays a customer (QBO takes a customer on a Purchase), not also a supplier.
   */
  readonly bankRoles = new Map<string, Roles>()
  readonly listedCards = new Set<string>()
  readonly trackingOptions = new Map<string, Set<string>>()
  /** The accounts list, once an accounts file is committed: line accounts are checked against it. */
  readonly chart = new Map<string, ChartAccount>()
  readonly warnings: string[] = []
  skippedQuotesOrders = 0
  private pendingRoles = new Map<string, {name: string; customer: boolean}[]>()
  private pendingBankRoles = new Map<string, {name: string; customer: boolean}[]>()
  private pendingTracking = new Map<string, Set<string>>()
  private pendingCards = new Set<string>()
  private pendingChart = new Map<string, ChartAccount>()
  private pendingSkipped = 0

  constructor(readonly facts: MyobFacts = {}) {}

  sawCard(name: string, customer: boolean, on: 'document' | 'bank' = 'document'): void {
    const pending = on === 'bank' ? this.pendingBankRoles : this.pendingRoles
    const list = pending.get(cardId(name)) ?? []
    if (list.length < 2 && !list.some((x) => x.customer === customer)) list.push({name, customer})
    pending.set(cardId(name), list)
  }

  listedCard(id: string): void {
    this.pendingCards.add(id)
  }

  sawAccount(account: ChartAccount): void {
    this.pendingChart.set(account.id, account)
  }

  /** A card's roles: from its documents and payments, else from its bank transactions. */
  rolesOf(id: string): Roles | undefined {
    return this.roles.get(id) ?? this.bankRoles.get(id)
  }

  skipped(): void {
    this.pendingSkipped++
  }

  /**
   * An account number a line or payment posts to: refused when the folder's accounts list lacks it, or when
   * it is a header account (header accounts group others and take no postings, sources.md §4.2).
   */
  postingAccount(row: TableRow, key: string, what = 'account'): string {
    const id = row.required(key, `${what} number`)
    if (this.chart.size === 0) return id
    const account = this.chart.get(id)
    if (!account)
      throw row.fail(
        key,
        `${what} ${id} is not in the accounts list exported with it`,
        'Export the accounts list again (it may be out of date), or correct the account number in MYOB, then export both again.',
      )
    if (account.isHeader)
      throw row.fail(
        key,
        `${what} ${id} (${account.name}) is a header account, which takes no postings`,
        'In MYOB, post the line to a detail account under that header, then export again.',
      )
    return id
  }

  /** Where freight on a sale (or purchase) posts: the user's choice, else the chart's freight account. */
  freightAccount(side: Side): string | undefined {
    return this.facts.freight?.[side] ?? suggestFreightAccount([...this.chart.values()], side)?.id
  }

  /**
   * QBO's ExchangeRate (home units per foreign unit) for a foreign-currency record. MYOB's Exchange Rate is
   * the other way round: "the foreign value for $1 of local currency" (help.myob.com, AccountRight
   * multi-currency, "Setting up exchange rates"; sources.md §4.2), so it is inverted. A record whose row
   * carries no rate takes a supplied one.
   */
  exchangeRate(row: TableRow, currency: string, date: CivilDate): string | undefined {
    if (currency === MYOB_HOME_CURRENCY) return undefined
    const given = row.number('exchange rate', parseMyobMoney)
    if (given && !given.isZero()) {
      if (given.isNegative())
        throw row.fail('exchange rate', `a negative exchange rate "${row.text('exchange rate')}"`)
      return unitText(new D(1).div(given))
    }
    return suppliedRateFor(this.facts.rates ?? [], currency, date)
  }

  /** Job and Category become tracking (QBO classes/locations are chosen later in the mapping). */
  tracking(row: TableRow): {category: string; option: string}[] {
    const out: {category: string; option: string}[] = []
    for (const [key, category] of [
      ['job', 'Job'],
      ['category', 'Category'],
    ] as const) {
      const option = row.text(key)
      if (!option) continue
      out.push({category, option})
      const set = this.pendingTracking.get(category) ?? new Set<string>()
      set.add(option)
      this.pendingTracking.set(category, set)
    }
    return out
  }

  /** A file starts: nothing it teaches counts until it is committed. */
  beginFile(): void {
    this.pendingRoles = new Map()
    this.pendingBankRoles = new Map()
    this.pendingTracking = new Map()
    this.pendingCards = new Set()
    this.pendingChart = new Map()
    this.pendingSkipped = 0
    this.tax.begin()
  }

  /** The engine committed the file: what it taught now counts. */
  commitFile(): void {
    for (const [pending, roles] of [
      [this.pendingRoles, this.roles],
      [this.pendingBankRoles, this.bankRoles],
    ] as const) {
      for (const [id, list] of pending) {
        for (const s of list) {
          const r = roles.get(id) ?? {name: s.name, isCustomer: false, isSupplier: false}
          if (s.customer) r.isCustomer = true
          else r.isSupplier = true
          roles.set(id, r)
        }
      }
    }
    for (const [c, opts] of this.pendingTracking) {
      const set = this.trackingOptions.get(c) ?? new Set<string>()
      for (const o of opts) set.add(o)
      this.trackingOptions.set(c, set)
    }
    for (const id of this.pendingCards) this.listedCards.add(id)
    for (const [id, a] of this.pendingChart) this.chart.set(id, a)
    this.skippedQuotesOrders += this.pendingSkipped
    this.tax.commit()
    this.beginFile()
  }
}
