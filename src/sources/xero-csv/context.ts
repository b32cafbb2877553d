import type {Contact} from '../../domain/canonical.js'
import {type SuppliedRate, suppliedRateFor} from '../../domain/supplied-facts.js'
import type {TableRow} from '../files/table.js'
import {XeroTaxTable} from './tax-rates.js'

export type TaxInclusiveOption = 'auto' | 'yes' | 'no'

/**
 * A Xero CSV contact id: the name exactly as written (trimmed), since files carry no ContactID. Xero keeps
 * `Acme Traders`, `ACME TRADERS` and `Acme  Traders` as three contacts, so they stay three; QBO compares
 * DisplayNames more loosely, and the mapper gives each a name of its own (docs/mapping.md).
 */
export function xeroContactId(name: string): string {
  return name.trim()
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
 * What the files of one Xero CSV extract share: the tax-name table, the chart's codes, supplied exchange
 * rates, contacts and tracking options seen in documents (Xero CSVs have no customer/supplier flag and no
 * tracking list), and collected warnings. What a file teaches is pending until the engine commits that
 * file, so a refused file leaves nothing behind: not in the derived records, not in later files' checks.
 */
export class XeroContext {
  readonly tax = new XeroTaxTable()
  readonly contacts = new Map<string, SeenContact>()
  readonly trackingOptions = new Map<string, Set<string>>()
  /** Contacts staged from a contacts file (the rest are derived from documents). */
  readonly listedContacts = new Set<string>()
  /** The chart of accounts' codes, once a chart file is committed: line codes are checked against it. */
  readonly chart = new Set<string>()
  /** Rates from a rates file in the folder. */
  readonly rates: SuppliedRate[] = []
  private pendingContacts = new Map<string, SeenContact>()
  private pendingListed = new Set<string>()
  private pendingTracking = new Map<string, Set<string>>()
  private pendingChart = new Set<string>()
  private pendingRates: SuppliedRate[] = []
  private pendingPaid = 0
  private pendingSkippedRows = 0
  readonly warnings: string[] = []
  paidWithoutDate = 0
  skippedRows = 0
  private readonly warned = new Set<string>()

  constructor(
    readonly taxInclusive: TaxInclusiveOption,
    readonly homeCurrency: string,
    /** Rates the user gave in the mapping workbook, for documents no rates file covers. */
    readonly suppliedRates: readonly SuppliedRate[] = [],
  ) {}

  warnOnce(message: string): void {
    if (this.warned.has(message)) return
    this.warned.add(message)
    this.warnings.push(message)
  }

  /**
   * The account id of a code in `key`: refused when the chart exported beside the file lacks it. Excel
   * drops leading zeros from codes (sources.md §1.0), so a code the chart has with zeros in front is named.
   */
  accountRef(row: TableRow, key: string): string {
    const code = row.text(key)
    if (this.chart.size > 0 && !this.chart.has(code)) {
      const padded = [...this.chart].find((c) => /^0+\d+$/.test(c) && c.replace(/^0+/, '') === code)
      throw row.fail(
        key,
        `account code "${code}" is not in the chart of accounts exported beside it${padded ? ` (the chart has "${padded}": a spreadsheet may have dropped its leading zero)` : ''}`,
        'Export the chart of accounts again (it may be out of date), or correct the code, then run the extract again.',
      )
    }
    return xeroAccountId(code)
  }

  sawAccount(code: string): void {
    if (code !== '') this.pendingChart.add(code)
  }

  sawRate(rate: SuppliedRate): void {
    this.pendingRates.push(rate)
  }

  /** QBO's ExchangeRate for a document: from a rates file in the folder, else from the mapping workbook. */
  rateFor(currency: string, date: string): string | undefined {
    if (currency === this.homeCurrency) return undefined
    return suppliedRateFor(this.rates, currency, date) ?? suppliedRateFor(this.suppliedRates, currency, date)
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

  listedContact(id: string): void {
    this.pendingListed.add(id)
  }

  notePaidWithoutDate(): void {
    this.pendingPaid++
  }

  skippedRow(): void {
    this.pendingSkippedRows++
  }

  /** A file starts: nothing it teaches counts until it is committed. */
  beginFile(): void {
    this.pendingContacts = new Map()
    this.pendingListed = new Set()
    this.pendingTracking = new Map()
    this.pendingChart = new Set()
    this.pendingRates = []
    this.pendingPaid = 0
    this.pendingSkippedRows = 0
    this.tax.begin()
  }

  /** The engine committed the file: its contacts, tracking options, codes, rates and tax names now count. */
  commitFile(): void {
    for (const [id, s] of this.pendingContacts) {
      const seen = this.contacts.get(id) ?? {name: s.name, isCustomer: false, isSupplier: false}
      seen.isCustomer ||= s.isCustomer
      seen.isSupplier ||= s.isSupplier
      if (!seen.email && s.email) seen.email = s.email
      this.contacts.set(id, seen)
    }
    for (const id of this.pendingListed) this.listedContacts.add(id)
    for (const [category, options] of this.pendingTracking) {
      const set = this.trackingOptions.get(category) ?? new Set<string>()
      for (const option of options) set.add(option)
      this.trackingOptions.set(category, set)
    }
    for (const code of this.pendingChart) this.chart.add(code)
    this.rates.push(...this.pendingRates)
    this.paidWithoutDate += this.pendingPaid
    this.skippedRows += this.pendingSkippedRows
    this.tax.commit()
    this.beginFile()
  }

  /** Customer/supplier flags for a contact from its documents. */
  roles(id: string): Pick<Contact, 'isCustomer' | 'isSupplier'> {
    const seen = this.contacts.get(id)
    return {isCustomer: seen?.isCustomer ?? false, isSupplier: seen?.isSupplier ?? false}
  }
}
