import {D, type Dec, roundAmount, toQboAmount} from '../../../domain/money.js'
import {faults} from '../faults.js'
import type {Json} from '../store.js'
import {qboToday} from '../time.js'
import {type WriteContext, isObject, maxLen, num, refValue, str} from './context.js'
import type {EntityDef} from './registry.js'

const CIVIL_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The books' closing date from Preferences (AccountingInfoPrefs.BookCloseDate), if set. */
export function bookCloseDate(ctx: WriteContext): string | undefined {
  const prefs = ctx.store.list('Preferences')[0]
  const info = prefs && isObject(prefs.AccountingInfoPrefs) ? prefs.AccountingInfoPrefs : undefined
  const d = info?.BookCloseDate
  return typeof d === 'string' && CIVIL_DATE.test(d) ? d : undefined
}

export function assertOpenPeriod(ctx: WriteContext, txnDate: unknown): void {
  const close = bookCloseDate(ctx)
  if (close && typeof txnDate === 'string' && txnDate <= close) throw faults.periodClosed(close)
}

/**
 * Fields every transaction shares: TxnDate (defaults to today), DocNumber (≤21, unique per type unless
 * allowduplicatedocnum, generated when CustomTxnNumbers is off), PrivateNote (≤4000), currency and the
 * closed-books check.
 */
export function txnHeader(
  def: EntityDef,
  out: Json,
  existing: Json | undefined,
  ctx: WriteContext,
  partyCurrency?: Json,
): void {
  const txnDate = str(out, 'TxnDate') ?? qboToday(ctx.nowMs)
  if (!CIVIL_DATE.test(txnDate.slice(0, 10)))
    throw faults.invalidString('TxnDate', `Invalid Date : TxnDate ${txnDate} is not a date`)
  out.TxnDate = txnDate.slice(0, 10)
  assertOpenPeriod(ctx, out.TxnDate)
  if (existing) assertOpenPeriod(ctx, existing.TxnDate)
  maxLen(out, 'DocNumber', 21)
  maxLen(out, 'PrivateNote', 4000)
  for (const l of Array.isArray(out.Line) ? (out.Line as Json[]) : [])
    if (isObject(l)) maxLen(l, 'Description', 4000)
  let docNumber = str(out, 'DocNumber')
  if (docNumber === undefined && def.uniqueDocNumber && !customTxnNumbers(ctx))
    docNumber = nextDocNumber(ctx, def.name)
  if (docNumber !== undefined) {
    out.DocNumber = docNumber
    if (def.uniqueDocNumber && !ctx.allowDuplicateDocNum) {
      const lower = docNumber.toLowerCase()
      const clash = ctx.store.byDocNumber(def.name, lower).find((r) => r.Id !== existing?.Id)
      if (clash) throw faults.duplicateDocNumber(docNumber, def.name, String(clash.Id))
    }
  }
  const currency = refValue(out, 'CurrencyRef') ?? (partyCurrency ? String(partyCurrency.value) : 'AUD')
  if (!/^[A-Z]{3}$/.test(currency)) throw faults.invalidEnum('CurrencyRef', currency)
  if (partyCurrency && String(partyCurrency.value) !== currency)
    throw faults.business(
      `The currency of the transaction (${currency}) must match the currency of the customer or supplier (${String(partyCurrency.value)}).`,
    )
  out.CurrencyRef = {value: currency, name: currency === 'AUD' ? 'Australian Dollar' : currency}
  if (currency === 'AUD') out.ExchangeRate = 1
  else if (num(out, 'ExchangeRate') === undefined)
    throw faults.business(
      `An exchange rate is required for ${currency} (the emulator has no rate feed; send ExchangeRate).`,
    )
}

/** HomeTotalAmt / HomeBalance from the exchange rate (home units per one foreign unit). */
export function homeAmount(out: Json, amount: Dec): number {
  const rate = num(out, 'ExchangeRate') ?? new D(1)
  return toQboAmount(roundAmount(amount.times(rate)))
}

function customTxnNumbers(ctx: WriteContext): boolean {
  const prefs = ctx.store.list('Preferences')[0]
  const sales = prefs && isObject(prefs.SalesFormsPrefs) ? prefs.SalesFormsPrefs : undefined
  return sales?.CustomTxnNumbers !== false
}

function nextDocNumber(ctx: WriteContext, entity: string): string {
  let max = 1000
  for (const r of ctx.store.list(entity)) {
    const n = Number(r.DocNumber)
    if (Number.isInteger(n) && n > max) max = n
  }
  return String(max + 1)
}
