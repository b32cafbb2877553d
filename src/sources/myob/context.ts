import type {TableRow} from '../files/table.js'
import {MyobTaxCodes} from './tax-codes.js'

/** MYOB cards are named Last + First; an individual's display name is "Last, First". */
export function cardName(row: TableRow): {name: string; last: string; first?: string} {
  const last = row.text('co./last name')
  const first = row.optional('first name')
  return {name: first ? `${last}, ${first}` : last, last, ...(first ? {first} : {})}
}

/** The contact id of a card, from its names (Card ID is often `*None`), case and spacing ignored. */
export function cardId(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase()
}

/** MYOB writes line breaks inside text as the literal characters `\r\n`. */
export function unescapeText(text: string): string {
  return text.replace(/\\r\\n|\\n/g, '\n')
}

type Roles = {name: string; isCustomer: boolean; isSupplier: boolean}

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
  readonly warnings: string[] = []
  skippedQuotesOrders = 0
  private pendingRoles = new Map<string, {name: string; customer: boolean}[]>()
  private pendingBankRoles = new Map<string, {name: string; customer: boolean}[]>()
  private pendingTracking = new Map<string, Set<string>>()
  private pendingSkipped = 0

  sawCard(name: string, customer: boolean, on: 'document' | 'bank' = 'document'): void {
    const pending = on === 'bank' ? this.pendingBankRoles : this.pendingRoles
    const list = pending.get(cardId(name)) ?? []
    if (list.length < 2 && !list.some((x) => x.customer === customer)) list.push({name, customer})
    pending.set(cardId(name), list)
  }

  /** A card's roles: from its documents and payments, else from its bank transactions. */
  rolesOf(id: string): Roles | undefined {
    return this.roles.get(id) ?? this.bankRoles.get(id)
  }

  skipped(): void {
    this.pendingSkipped++
  }

  /** Job and Category become tracking (QBO classes/locations are chosen later in the mapping). */
  tracking(row: TableRow): {category: string; option: string}[] {
    const out: {category: string; option: string}[] = []
    for (const [key, category] of [
      ['job', 'Job'],
      ['job #', 'Job'],
      ['category', 'Category'],
    ] as const) {
      const option = row.text(key)
      if (!option || out.some((t) => t.category === category)) continue
      out.push({category, option})
      const set = this.pendingTracking.get(category) ?? new Set<string>()
      set.add(option)
      this.pendingTracking.set(category, set)
    }
    return out
  }

  beginFile(): void {
    this.pendingRoles = new Map()
    this.pendingBankRoles = new Map()
    this.pendingTracking = new Map()
    this.pendingSkipped = 0
  }

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
    this.skippedQuotesOrders += this.pendingSkipped
    this.beginFile()
  }
}
