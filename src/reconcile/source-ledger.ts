import type {
  Account,
  BankTransaction,
  BankTransfer,
  DocumentLine,
  Item,
  ManualJournal,
  OpeningBalance,
  Payment,
  TradeDocument,
} from '../domain/canonical.js'
import {amountText, D, type Dec, dec} from '../domain/money.js'
import {centsText, toCents} from './cents.js'
import {isPosted, type TransactionKind} from './source-docs.js'

/** Where a posting went when the source names no account (shown as an unmapped row in the trial balance). */
export const NO_ACCOUNT = {
  AR: '(no AR account)',
  AP: '(no AP account)',
  GST: '(no GST account)',
  LINE: '(no line account)',
  /** Realised exchange gains and losses (QBO's Exchange Gain or Loss account; the source states none). */
  FX: '(exchange gain or loss)',
}

export interface LedgerContext {
  asOf: string
  /** Source account ids of the control accounts. */
  ar?: string
  ap?: string
  gst?: string
  /** Item code -> its sales and purchase accounts, for lines that name an item but no account. */
  items: ReadonlyMap<string, Pick<Item, 'salesAccountId' | 'purchaseAccountId'>>
}

/** Finds the control accounts among the staged accounts (the system flag first, then the account type). */
export function controlAccounts(accounts: readonly Account[]): Pick<LedgerContext, 'ar' | 'ap' | 'gst'> {
  const find = (flag: Account['systemAccount'], type?: Account['type']) =>
    accounts.find((a) => a.systemAccount === flag)?.id ?? (type && accounts.find((a) => a.type === type)?.id)
  const ar = find('AR', 'accountsReceivable')
  const ap = find('AP', 'accountsPayable')
  const gst = find('GST')
  return {...(ar ? {ar} : {}), ...(ap ? {ap} : {}), ...(gst ? {gst} : {})}
}

/**
 * The source's general ledger as at a date, rebuilt from the staged documents with double-entry rules, so the
 * trial balance QBO reports can be checked account by account. Debits are positive. Amounts are converted to
 * home currency at each document's rate; realised FX gains and losses are not modelled (listed in the docs).
 * Balances are kept in integer cents (every staged amount has 2 decimals), which keeps 100,000 documents cheap.
 */
export class SourceLedger {
  /** Source account id -> balance in cents (debit positive). */
  private readonly cents = new Map<string, number>()
  /** Source account id -> foreign-currency documents that put converted line or tax amounts on it. */
  private readonly fx = new Map<string, number>()
  /** `kind:id` -> a posted trade document's rate, total and open amount (cents), for payments to relieve. */
  private readonly open = new Map<string, {rate: string | undefined; total: number; applied: number}>()

  constructor(private readonly ctx: LedgerContext) {}

  /** Source account id -> balance (debit positive). */
  balances(): Map<string, Dec> {
    return new Map([...this.cents].map(([account, c]) => [account, new D(centsText(c))]))
  }

  /**
   * How many foreign-currency documents posted converted amounts (lines, tax) to each account. The control
   * account of a document is left out: its amount is QBO's documented HomeTotalAmt, so it must agree exactly.
   */
  fxDocuments(): Map<string, Dec> {
    return new Map([...this.fx].map(([account, n]) => [account, new D(n)]))
  }

  balance(account: string): string {
    return centsText(this.cents.get(account) ?? 0)
  }

  post(kind: TransactionKind, record: unknown): void {
    switch (kind) {
      case 'invoice':
      case 'creditNote':
      case 'bill':
      case 'supplierCredit':
        return this.trade(kind, record as TradeDocument)
      case 'payment':
      case 'billPayment':
        return this.payment(kind, record as Payment)
      case 'manualJournal':
        return this.journal(record as ManualJournal)
      case 'openingBalance':
        return this.opening(record as OpeningBalance)
      case 'bankTransaction':
        return this.bank(record as BankTransaction)
      case 'bankTransfer':
        return this.transfer(record as BankTransfer)
    }
  }

  private add(account: string, cents: number): void {
    if (cents === 0) return
    this.cents.set(account, (this.cents.get(account) ?? 0) + cents)
  }

  private inWindow(date: string): boolean {
    return date <= this.ctx.asOf
  }

  /** Posts lines (net to their accounts, tax to GST) on one side and the balancing amount to `control`. */
  private lines(
    lines: readonly DocumentLine[],
    amountsAre: TradeDocument['amountsAre'],
    rate: string | undefined,
    sign: 1 | -1,
    control: string,
    sales: boolean,
  ): void {
    const postings = lines.map((line) => {
      const tax = amountsAre === 'noTax' ? 0 : toCents(line.taxAmount)
      const gross = toCents(line.lineAmount)
      return {
        account: line.accountId ?? this.itemAccount(line.itemCode, sales) ?? NO_ACCOUNT.LINE,
        taxCode: line.taxCode ?? '',
        net: amountsAre === 'inclusive' ? gross - tax : gross,
        tax,
      }
    })
    const converted = rate === undefined ? postings : toHome(postings, rate)
    if (rate !== undefined) {
      const touched = new Set(
        converted.flatMap((p) => [p.account, ...(p.tax !== 0 ? [this.gstAccount()] : [])]),
      )
      for (const account of touched) this.fx.set(account, (this.fx.get(account) ?? 0) + 1)
    }
    let balancing = 0
    for (const p of converted) {
      this.add(p.account, p.net * sign)
      this.add(this.gstAccount(), p.tax * sign)
      balancing += p.net + p.tax
    }
    this.add(control, -balancing * sign)
  }

  private gstAccount(): string {
    return this.ctx.gst ?? NO_ACCOUNT.GST
  }

  private itemAccount(code: string | undefined, sales: boolean): string | undefined {
    const item = code === undefined ? undefined : this.ctx.items.get(code)
    return sales ? item?.salesAccountId : item?.purchaseAccountId
  }

  private trade(kind: 'invoice' | 'creditNote' | 'bill' | 'supplierCredit', doc: TradeDocument): void {
    if (!isPosted(doc) || !this.inWindow(doc.date)) return
    const sales = kind === 'invoice' || kind === 'creditNote'
    const control = sales ? (this.ctx.ar ?? NO_ACCOUNT.AR) : (this.ctx.ap ?? NO_ACCOUNT.AP)
    // An invoice credits income; a bill debits expense; credit notes reverse them.
    const sign = kind === 'invoice' || kind === 'supplierCredit' ? -1 : 1
    const total = doc.lines.reduce(
      (t, l) => t + toCents(l.lineAmount) + (doc.amountsAre === 'exclusive' ? toCents(l.taxAmount) : 0),
      0,
    )
    this.open.set(`${kind}:${doc.id}`, {rate: doc.exchangeRate, total, applied: 0})
    this.lines(doc.lines, doc.amountsAre, doc.exchangeRate, sign, control, sales)
  }

  /**
   * Cash at the payment's own rate, once (QBO's HomeTotalAmt); each allocated document relieved at the
   * document's own rate, as the change in round(open × rate), so a foreign document paid in pieces clears to
   * the cent; the unapplied rest at the payment's rate. What is left is a realised exchange gain or loss.
   */
  private payment(kind: 'payment' | 'billPayment', p: Payment): void {
    if (!this.inWindow(p.date)) return
    const control = kind === 'payment' ? (this.ctx.ar ?? NO_ACCOUNT.AR) : (this.ctx.ap ?? NO_ACCOUNT.AP)
    if (p.refundOf && p.allocations.length === 0) {
      // Money paid back out of a prepayment or overpayment: the contact's credit shrinks, so does the bank.
      const home = homeCents(toCents(p.amount), p.exchangeRate) * (kind === 'payment' ? 1 : -1)
      this.add(control, home)
      this.add(p.bankAccountId, -home)
      return
    }
    // Money in for a customer payment, out for a bill payment; an allocation to a credit is a refund the other way.
    const inward = kind === 'payment' ? 1 : -1
    let cash = 0
    let applied = 0
    let relieved = 0
    let foreign = p.exchangeRate !== undefined
    for (const a of p.allocations) {
      const refund = a.documentKind === 'creditNote' || a.documentKind === 'supplierCredit'
      const direction = (refund ? -inward : inward) as 1 | -1
      const cents = toCents(a.amount)
      const doc = this.open.get(`${a.documentKind}:${a.documentId}`)
      let home = homeCents(cents, p.exchangeRate)
      if (doc) {
        if (doc.rate !== p.exchangeRate) foreign = true
        home =
          homeCents(doc.total - doc.applied, doc.rate) - homeCents(doc.total - doc.applied - cents, doc.rate)
        doc.applied += cents
      }
      this.add(control, -home * direction)
      cash += cents * direction
      relieved += home * direction
      applied += cents
    }
    // Money received beyond its allocations stays on the contact's account (QBO's unapplied amount).
    const unappliedCents = toCents(p.amount) - applied
    const unapplied = homeCents(unappliedCents, p.exchangeRate) * inward
    this.add(control, -unapplied)
    const cashHome = homeCents(cash + unappliedCents * inward, p.exchangeRate)
    this.add(p.bankAccountId, cashHome)
    const gap = cashHome - relieved - unapplied
    // In home currency nothing is rounded, so only a foreign payment can leave a gap.
    if (foreign && gap !== 0) {
      this.add(NO_ACCOUNT.FX, -gap)
      this.fx.set(NO_ACCOUNT.FX, (this.fx.get(NO_ACCOUNT.FX) ?? 0) + 1)
    }
  }

  private journal(j: ManualJournal): void {
    if (!this.inWindow(j.date)) return
    for (const line of j.lines) {
      const amount = toCents(line.amount)
      const tax =
        line.taxAmount === undefined || j.amountsAre === 'noTax' ? 0 : Math.abs(toCents(line.taxAmount))
      const signedTax = amount < 0 ? -tax : tax
      this.add(line.accountId, j.amountsAre === 'inclusive' ? amount - signedTax : amount)
      this.add(this.ctx.gst ?? NO_ACCOUNT.GST, signedTax)
    }
  }

  private opening(o: OpeningBalance): void {
    if (!this.inWindow(o.date)) return
    for (const line of o.lines) this.add(line.accountId, toCents(line.amount))
  }

  private bank(b: BankTransaction): void {
    if (!this.inWindow(b.date)) return
    // Spend money debits the lines and credits the bank; receive money the reverse.
    this.lines(
      b.lines,
      b.amountsAre,
      b.exchangeRate,
      b.type === 'spend' ? 1 : -1,
      b.bankAccountId,
      b.type === 'receive',
    )
  }

  private transfer(t: BankTransfer): void {
    if (!this.inWindow(t.date)) return
    this.add(t.toAccountId, toCents(t.amount))
    this.add(t.fromAccountId, -toCents(t.amount))
  }
}

interface LinePosting {
  account: string
  taxCode: string
  /** Cents, tax-exclusive. */
  net: number
  tax: number
}

/**
 * A foreign-currency document's lines in home-currency cents, converted as QBO converts the document:
 * the control line (AR, AP, bank) is HomeTotalAmt = round(TotalAmt × ExchangeRate) (qbo-api.md §9), the tax
 * is converted per tax rate as QBO sums it in TxnTaxDetail (one TaxLine per rate), and each line's net is
 * converted and rounded, with the cents left over put on the largest line so the document balances.
 * Only the control amount is documented; where QBO puts the leftover cents is not, which is why the trial
 * balance grants an FX rounding allowance on the other accounts (tolerance.ts, docs/reconcile.md).
 */
export function toHome(lines: readonly LinePosting[], rate: string): LinePosting[] {
  const total = lines.reduce((s, l) => s + l.net + l.tax, 0)
  const control = home(centsText(total), rate)
  const taxByCode = new Map<string, number>()
  for (const l of lines) taxByCode.set(l.taxCode, (taxByCode.get(l.taxCode) ?? 0) + l.tax)
  // The converted tax of each rate goes on the first line of that rate; the ledger only needs the sum.
  const taxPlaced = new Set<string>()
  const out = lines.map((l) => {
    const first = !taxPlaced.has(l.taxCode)
    taxPlaced.add(l.taxCode)
    return {
      ...l,
      net: home(centsText(l.net), rate),
      tax: first ? home(centsText(taxByCode.get(l.taxCode) ?? 0), rate) : 0,
    }
  })
  const gap = control - out.reduce((s, l) => s + l.net + l.tax, 0)
  if (gap !== 0 && out.length > 0) {
    const largest = out.reduce((best, l) => (Math.abs(l.net) > Math.abs(best.net) ? l : best))
    largest.net += gap
  }
  return out
}

function homeCents(cents: number, rate: string | undefined): number {
  return home(centsText(cents), rate)
}

/** An amount in home-currency cents: foreign amounts are converted at the document's rate and rounded once. */
function home(amount: string, rate: string | undefined): number {
  return toCents(rate === undefined ? amount : amountText(dec(amount).times(rate)))
}
