import {dec, unitText} from '../../domain/money.js'
import type {XAccount, XAccountRef} from './sdk-schemas.js'

/** What mapping one record needs from the rest of the company. */
export interface MapContext {
  /** The organisation's base (home) currency. */
  baseCurrency: string
  /** The canonical account id (its Code, or `name:<Name>` when it has none) for a Xero AccountID. */
  accountIdByXeroId: ReadonlyMap<string, string>
  /** The day of the extract (UTC), for quantities on hand. */
  today: string
  /** Bank accounts of prepayments and overpayments, from their bank transactions (below). */
  moneyBanks?: MoneyBanks
}

/** A Xero account's canonical id, as every adapter derives it (src/domain/canonical.ts). */
export function accountIdOf(account: Pick<XAccount, 'code' | 'name'>): string {
  return account.code ? account.code : `name:${account.name}`
}

export function accountRef(
  context: MapContext,
  ref: {accountID?: string | undefined; code?: string | undefined; name?: string | undefined} | undefined,
): string | undefined {
  if (!ref) return undefined
  if (ref.code) return ref.code
  if (ref.accountID) {
    const known = context.accountIdByXeroId.get(ref.accountID)
    if (known) return known
  }
  return ref.name ? `name:${ref.name}` : undefined
}

/**
 * Xero's CurrencyRate is units of the document currency per unit of the base currency (AUD base, a USD
 * invoice at 0.65 means 1 AUD buys 0.65 USD); the canonical rate is the inverse. Absent for base currency.
 */
export function exchangeRateOf(
  context: MapContext,
  currency: string,
  currencyRate: number | undefined,
): string | undefined {
  if (currency === context.baseCurrency || !currencyRate) return undefined
  return unitText(dec(1).div(dec(currencyRate)))
}

/**
 * The bank account of each prepayment and overpayment, from the bank transactions Xero made for them
 * (types RECEIVE-PREPAYMENT, SPEND-OVERPAYMENT …; PrepaymentID / OverpaymentID name the money).
 */
export class MoneyBanks {
  private readonly banks = new Map<string, XAccountRef>()

  observe(raw: {prepaymentID?: string; overpaymentID?: string; bankAccount: XAccountRef}): void {
    const id = raw.prepaymentID ?? raw.overpaymentID
    if (id) this.banks.set(id, raw.bankAccount)
  }

  get(id: string): XAccountRef | undefined {
    return this.banks.get(id)
  }
}
