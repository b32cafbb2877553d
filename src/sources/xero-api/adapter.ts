import type {AccountingApi} from 'xero-node'
import {z} from 'zod'

import {todayUtc} from '../../domain/civil-date.js'
import {sha256Hex} from '../../domain/ids.js'
import type {ExtractContext, ExtractUnit, SourceAdapter} from '../adapter.js'
import {XeroCalls} from './calls.js'
import {DONE, PAGED, pagePosition, startPage} from './collections.js'
import {EmbeddedPaymentCheck} from './embedded-payments.js'
import {accountIdOf, type MapContext} from './map-context.js'
import {MoneyBanks} from './map-unapplied.js'
import {mapPage} from './staged.js'
import {XAccount, XOrganisation} from './sdk-schemas.js'
import {xeroEndpoints, type XeroTokenSource} from './token-source.js'

export interface XeroApiAdapterOptions {
  tokens: XeroTokenSource
  /** One base for every Xero endpoint (XERO_BASE_URL, e.g. the emulator); unset means Xero's own hosts. */
  baseUrl?: string
  /** Incremental extract: only records changed after this instant (sent as If-Modified-Since). */
  since?: Date
  /** Records per page: 1000, the most Xero serves. */
  pageSize?: number
  /** How to wait out a minute limit; tests pass one that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>
  clock?: () => Date
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const scopeOf = (collection: string) => `xero-api:${collection}`

/**
 * Extracts a Xero organisation through the Accounting API (xero-node). One unit per page, each carrying
 * its page checkpoint, so an extract stopped by Xero's daily limit resumes at the page where it stopped.
 * Reference lists (accounts, tax rates, tracking, items, bank transfers) are single calls.
 */
export class XeroApiAdapter implements SourceAdapter {
  readonly system = 'xero-api' as const
  /** Records read but deliberately not staged (overpayments, prepayments, draft journals), for the report. */
  readonly notes: string[] = []
  private readonly calls: XeroCalls
  private readonly pageSize: number

  constructor(private readonly options: XeroApiAdapterOptions) {
    this.calls = new XeroCalls(xeroEndpoints(options.baseUrl).api, options.tokens, options.sleep ?? realSleep)
    this.pageSize = Math.min(1000, Math.max(1, options.pageSize ?? 1000))
  }

  /** API calls made and rate-limit waits so far (the number that sets a real extract's time). */
  get usage(): {calls: number; waits: number} {
    return {calls: this.calls.calls, waits: this.calls.waits}
  }

  async *units(context: ExtractContext): AsyncIterable<ExtractUnit> {
    const since = this.options.since
    const orgs = await this.calls.call('Organisation', (api, t) => api.getOrganisations(t))
    const org = XOrganisation.parse(orgs.organisations?.[0] ?? {})
    const accountsBody = await this.calls.call('Accounts', (api, t) => api.getAccounts(t))
    const rawAccounts = accountsBody.accounts ?? []
    const accountIdByXeroId = new Map<string, string>()
    for (const raw of rawAccounts) {
      const parsed = XAccount.safeParse(raw)
      if (parsed.success) accountIdByXeroId.set(parsed.data.accountID, accountIdOf(parsed.data))
    }
    const map: MapContext = {
      baseCurrency: org.baseCurrency ?? 'AUD',
      accountIdByXeroId,
      today: todayUtc((this.options.clock ?? (() => new Date()))()),
    }
    // Accounts are always read whole (the id map needs them); staging them again changes nothing.
    yield this.listUnit('Accounts', rawAccounts, map)

    const lists: [string, (api: AccountingApi, t: string) => Promise<{body: object}>, string][] = [
      ['TaxRates', (api, t) => api.getTaxRates(t), 'taxRates'],
      [
        'TrackingCategories',
        (api, t) => api.getTrackingCategories(t, undefined, undefined, true),
        'trackingCategories',
      ],
      ['Items', (api, t) => api.getItems(t, since, undefined, undefined, 4), 'items'],
    ]
    for (const [name, fetch, key] of lists) {
      if (context.checkpoint(scopeOf(name)) === DONE) continue
      const body = await this.calls.call(name, fetch)
      yield {
        ...this.listUnit(name, recordsOf(body, key), map),
        checkpoint: {scope: scopeOf(name), position: DONE},
      }
    }

    const embedded = new EmbeddedPaymentCheck()
    const moneyBanks = new MoneyBanks()
    map.moneyBanks = moneyBanks
    for (const collection of PAGED) {
      const start = startPage(context.checkpoint(scopeOf(collection.name)), this.pageSize)
      if (start === 'done') continue
      if (start === 1 && !since) embedded.readWhole(collection.name)
      for (let page = start; ; page++) {
        const body = await this.calls.call(`${collection.name} page ${page}`, (api, t) =>
          collection.fetch(api, t, page, this.pageSize, since),
        )
        const raws = recordsOf(body, collection.bodyKey)
        embedded.observe(collection.name, raws)
        if (collection.name === 'BankTransactions') observeBanks(moneyBanks, raws)
        if (collection.name === 'Prepayments' || collection.name === 'Overpayments')
          await this.findBanks(collection.name, raws, moneyBanks)
        const pageCount = PageInfo.parse(body).pagination?.pageCount
        const last = raws.length < this.pageSize || (pageCount !== undefined && page >= pageCount)
        const position = last ? DONE : pagePosition(page, this.pageSize)
        yield this.pageUnit(collection.name, page, raws, map, position)
        if (last) break
      }
    }
    this.notes.push(...embedded.gaps())

    if (context.checkpoint(scopeOf('BankTransfers')) !== DONE) {
      const body = await this.calls.call('BankTransfers', (api, t) => api.getBankTransfers(t, since))
      yield {
        ...this.listUnit('BankTransfers', recordsOf(body, 'bankTransfers'), map),
        checkpoint: {scope: scopeOf('BankTransfers'), position: DONE},
      }
    }
  }

  /**
   * A prepayment or overpayment whose bank transaction this run did not read (an incremental or resumed
   * extract) has it fetched by id, a few ids per call, so its bank account is known.
   */
  private async findBanks(collection: string, raws: unknown[], banks: MoneyBanks): Promise<void> {
    const field = collection === 'Prepayments' ? 'PrepaymentID' : 'OverpaymentID'
    const key = collection === 'Prepayments' ? 'prepaymentID' : 'overpaymentID'
    const missing = raws
      .map((r) => (r && typeof r === 'object' ? (r as Record<string, unknown>)[key] : undefined))
      .filter((id): id is string => typeof id === 'string' && !banks.get(id))
    for (let i = 0; i < missing.length; i += 20) {
      const where = missing
        .slice(i, i + 20)
        .map((id) => `${field}==Guid("${id}")`)
        .join(' OR ')
      const body = await this.calls.call(`BankTransactions for ${collection}`, (api, t) =>
        api.getBankTransactions(t, undefined, where),
      )
      observeBanks(banks, recordsOf(body, 'bankTransactions'))
    }
  }

  private listUnit(name: string, raws: unknown[], map: MapContext): ExtractUnit {
    return this.unit(name, name, raws, map)
  }

  private pageUnit(
    name: string,
    page: number,
    raws: unknown[],
    map: MapContext,
    position: string,
  ): ExtractUnit {
    return {
      ...this.unit(name, `${name} page ${page}`, raws, map),
      checkpoint: {scope: scopeOf(name), position},
    }
  }

  private unit(type: string, label: string, raws: unknown[], map: MapContext): ExtractUnit {
    const notes = this.notes
    return {
      label,
      type,
      // The page as xero-node gave it; plain JSON order is stable for one server answer and much cheaper
      // than sorted-key hashing of a thousand invoices.
      contentHash: sha256Hex(JSON.stringify(raws)),
      async *records() {
        const mapped = mapPage(type, raws, map, label)
        notes.push(...mapped.notes)
        yield* mapped.items
      },
    }
  }
}

const MoneyBankSide = z.object({
  prepaymentID: z.string().nullish(),
  overpaymentID: z.string().nullish(),
  bankAccount: z.object({
    accountID: z
      .string()
      .nullish()
      .transform((v) => v ?? undefined),
    code: z
      .string()
      .nullish()
      .transform((v) => v ?? undefined),
    name: z
      .string()
      .nullish()
      .transform((v) => v ?? undefined),
  }),
})

function observeBanks(banks: MoneyBanks, raws: unknown[]): void {
  for (const raw of raws) {
    const side = MoneyBankSide.safeParse(raw)
    if (!side.success) continue
    banks.observe({
      ...(side.data.prepaymentID ? {prepaymentID: side.data.prepaymentID} : {}),
      ...(side.data.overpaymentID ? {overpaymentID: side.data.overpaymentID} : {}),
      bankAccount: side.data.bankAccount,
    })
  }
}

const PageInfo = z.object({pagination: z.object({pageCount: z.number().optional()}).nullish()})

function recordsOf(body: object, key: string): unknown[] {
  const value = (body as Record<string, unknown>)[key]
  return Array.isArray(value) ? value : []
}
