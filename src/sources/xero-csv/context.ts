import type {Contact} from '../../domain/canonical.js'
import type {TableRow} from '../files/table.js'
import {XeroTaxTable} from './tax-rates.js'

export type TaxInclusiveOption = 'auto' | 'yes' | 'no'

/** A Xero CSV contact id: the name as Xero keys it (case and spacing ignored), since files carry no ContactID. */
export function xeroContactId(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase()
}

/** Xero account id: its Code, or `name:<Name>` when the export has none (bank accounts often have none). */
export function xeroAccountId(code: string, name?: string): string {
  const c = code.trim()
  return c !== '' ? c : `name:${(name ?? '').trim()}`
}

interface SeenContact {
  name: string
  isCustomer: boolean
  isSupplier: boolean
  email?: string
}

/**
 * What the files of one Xero CSV extract share: the tax-name table, contacts and tracking options seen in
 * documents (Xero CSVs have no customer/supplier flag and no tracking list), and collected warnings.
 */
export class XeroContext {
  readonly tax = new XeroTaxTable()
  readonly contacts = new Map<string, SeenContact>()
  readonly trackingOptions = new Map<string, Set<string>>()
  /** Contacts staged from a contacts file (the rest are derived from documents). */
  readonly listedContacts = new Set<string>()
  // Sightings in the file being read; they count only once the whole file is accepted.
  private pendingContacts = new Map<string, SeenContact>()
  private pendingTracking = new Map<string, Set<string>>()
  private pendingPaid = 0
  readonly warnings: string[] = []
  paidWithoutDate = 0
  skippedRows = 0
  private readonly warned = new Set<string>()

  constructor(
    readonly taxInclusive: TaxInclusiveOption,
    readonly homeCurrency: string,
  ) {}

  warnOnce(message: string): void {
    if (this.warned.has(message)) return
    this.warned.add(message)
    this.warnings.push(message)
  }

  accountId(code: string): string {
    return xeroAccountId(code)
  }

  tracking(row: TableRow): {category: string; option: string}[] {
    const out: {category: string; option: string}[] = []
    for (const n of [1, 2]) {
      const category = row.text(`trackingname${n}`)
      const option = row.text(`trackingoption${n}`)
      if (!category || !option) continue
      out.push({category, option})
      const pending = this.pendingTracking.get(category) ?? new Set<string>()
      pending.add(option)
      this.pendingTracking.set(category, pending)
    }
    return out
  }

  sawContact(name: string, direction: 'sales' | 'purchases', row: TableRow): void {
    const id = xeroContactId(name)
    const seen = this.pendingContacts.get(id) ?? {name: name.trim(), isCustomer: false, isSupplier: false}
    if (direction === 'sales') seen.isCustomer = true
    else seen.isSupplier = true
    const email = row.optional('emailaddress')
    if (email && !seen.email) seen.email = email
    this.pendingContacts.set(id, seen)
  }

  notePaidWithoutDate(): void {
    this.pendingPaid++
  }

  beginFile(): void {
    this.pendingContacts = new Map()
    this.pendingTracking = new Map()
    this.pendingPaid = 0
  }

  /** The file was read to the end without a refusal: its contacts and tracking options now count. */
  commitFile(): void {
    for (const [id, s] of this.pendingContacts) {
      const seen = this.contacts.get(id) ?? {name: s.name, isCustomer: false, isSupplier: false}
      seen.isCustomer ||= s.isCustomer
      seen.isSupplier ||= s.isSupplier
      if (!seen.email && s.email) seen.email = s.email
      this.contacts.set(id, seen)
    }
    for (const [category, options] of this.pendingTracking) {
      const set = this.trackingOptions.get(category) ?? new Set<string>()
      for (const option of options) set.add(option)
      this.trackingOptions.set(category, set)
    }
    this.paidWithoutDate += this.pendingPaid
    this.beginFile()
  }

  /** Customer/supplier flags for a contact from its documents. */
  roles(id: string): Pick<Contact, 'isCustomer' | 'isSupplier'> {
    const seen = this.contacts.get(id)
    return {isCustomer: seen?.isCustomer ?? false, isSupplier: seen?.isSupplier ?? false}
  }
}
