import fc from 'fast-check'

import {D, type Dec, roundAmount, toQboAmount} from '../../../src/domain/money.js'
import {addDays, type CivilDate} from '../../../src/domain/civil-date.js'

/**
 * A test-side model of QBO's writes: random operations are interpreted into QBO JSON with the totals, tax
 * and balances QBO would compute (TaxExcluded: tax = round(10% × taxable sum); TaxInclusive: tax =
 * round(taxable gross × 10/110)), so the ledger is checked against documents, not against itself.
 */
type Json = Record<string, unknown>

interface LineSpec {
  item: '1' | '2' | '3'
  qty: number
  unitCents: number
  taxed: boolean
}

export type Op =
  | {
      kind: 'invoice' | 'creditMemo' | 'salesReceipt'
      customer: number
      lines: LineSpec[]
      inclusive: boolean
      stored: boolean
      days: number
      rate: number
    }
  | {
      kind: 'bill' | 'vendorCredit' | 'purchase'
      vendor: number
      lines: LineSpec[]
      inclusive: boolean
      stored: boolean
      days: number
    }
  | {
      kind: 'payment'
      customer: number
      percent: number
      useCredit: boolean
      extraCents: number
      banked: boolean
      rate: number
      days: number
    }
  | {
      kind: 'billPayment'
      vendor: number
      percent: number
      useCredit: boolean
      extraCents: number
      card: boolean
      days: number
    }
  | {kind: 'journal'; cents: number; taxed: boolean; sales: boolean; days: number}
  | {kind: 'deposit'; extraCents: number; days: number}
  | {kind: 'transfer'; cents: number; days: number}

const RATES = [1.6543, 0.5, 1.25]
const CUSTOMERS = ['58', '59', '60'] // 60 invoices in EUR
const VENDORS = ['56', '57']

const line = fc.record({
  item: fc.constantFrom<'1' | '2' | '3'>('1', '2', '3'),
  qty: fc.integer({min: 1, max: 5}),
  unitCents: fc.integer({min: 1, max: 50_000}),
  taxed: fc.boolean(),
})
const lines = fc.array(line, {minLength: 1, maxLength: 3})
const days = fc.integer({min: 0, max: 20})

const sale = fc.record({
  kind: fc.constantFrom(
    'invoice' as const,
    'invoice' as const,
    'creditMemo' as const,
    'salesReceipt' as const,
  ),
  customer: fc.integer({min: 0, max: 2}),
  lines,
  inclusive: fc.boolean(),
  stored: fc.boolean(),
  days,
  rate: fc.integer({min: 0, max: 2}),
})
const purchase = fc.record({
  kind: fc.constantFrom('bill' as const, 'bill' as const, 'vendorCredit' as const, 'purchase' as const),
  vendor: fc.integer({min: 0, max: 1}),
  lines,
  inclusive: fc.boolean(),
  stored: fc.boolean(),
  days,
})
const extraCents = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({min: 1, max: 10_000}))
const payment = fc.record({
  kind: fc.constant('payment' as const),
  customer: fc.integer({min: 0, max: 2}),
  percent: fc.integer({min: 1, max: 100}),
  useCredit: fc.constantFrom(true, true, false),
  extraCents,
  banked: fc.boolean(),
  rate: fc.integer({min: 0, max: 2}),
  days,
})
const billPayment = fc.record({
  kind: fc.constant('billPayment' as const),
  vendor: fc.integer({min: 0, max: 1}),
  percent: fc.integer({min: 1, max: 100}),
  useCredit: fc.constantFrom(true, true, false),
  extraCents,
  card: fc.boolean(),
  days,
})
const journal = fc.record({
  kind: fc.constant('journal' as const),
  cents: fc.integer({min: 1, max: 100_000}),
  taxed: fc.boolean(),
  sales: fc.boolean(),
  days,
})
const deposit = fc.record({
  kind: fc.constant('deposit' as const),
  extraCents: fc.oneof(fc.constant(0), fc.integer({min: 1, max: 5_000})),
  days,
})
const transfer = fc.record({
  kind: fc.constant('transfer' as const),
  cents: fc.integer({min: 1, max: 100_000}),
  days,
})

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {arbitrary: sale, weight: 5},
  {arbitrary: purchase, weight: 4},
  {arbitrary: payment, weight: 5},
  {arbitrary: billPayment, weight: 4},
  {arbitrary: journal, weight: 1},
  {arbitrary: deposit, weight: 1},
  {arbitrary: transfer, weight: 1},
)

const cents = (n: number): Dec => new D(n).div(100)
const num = (d: Dec): number => toQboAmount(d)

export interface Company {
  lists: Record<string, Json[]>
}

/** Interprets the operations in order; an operation with nothing to act on (no open invoice …) is skipped. */
export function interpret(ops: Op[]): Company {
  const lists: Record<string, Json[]> = {}
  const add = (type: string, row: Json) => (lists[type] ??= []).push(row)
  let nextId = 1000
  let date: CivilDate = '2024-05-20' as CivilDate
  const open = new Map<string, Dec>() // `Type:Id` → open balance, mirrored into the JSON's Balance
  const undeposited: Json[] = []

  /**
   * Lines, tax and total as QBO computes them. TaxExcluded: 10% of the taxable sum, rounded once.
   * TaxInclusive: each taxed line's gross is split per line (tax = round(gross × 10/110)); `stored` writes the
   * line as QBO returns it (Amount net, TaxInclusiveAmt gross), otherwise as sent (Amount gross).
   */
  const document = (
    lineSpecs: LineSpec[],
    inclusive: boolean,
    stored: boolean,
    side: 'Sales' | 'Purchase',
  ) => {
    const detailType = side === 'Sales' ? 'SalesItemLineDetail' : 'ItemBasedExpenseLineDetail'
    let sum = new D(0)
    let taxable = new D(0)
    let lineTax = new D(0)
    const jsonLines = lineSpecs.map((l) => {
      const amount = roundAmount(cents(l.unitCents).times(l.qty))
      sum = sum.plus(amount)
      const tax = l.taxed && inclusive ? roundAmount(amount.times(10).div(110)) : new D(0)
      lineTax = lineTax.plus(tax)
      if (l.taxed) taxable = taxable.plus(amount)
      const detail = {
        ItemRef: {value: l.item},
        Qty: l.qty,
        UnitPrice: num(cents(l.unitCents)),
        TaxCodeRef: {value: l.taxed ? '10' : '11'},
      }
      if (inclusive && stored) {
        return {
          DetailType: detailType,
          Amount: num(amount.minus(tax)),
          TaxInclusiveAmt: num(amount),
          [detailType]: detail,
        }
      }
      return {DetailType: detailType, Amount: num(amount), [detailType]: detail}
    })
    const tax = inclusive ? lineTax : roundAmount(taxable.times('0.1'))
    const total = inclusive ? sum : sum.plus(tax)
    const rateId = side === 'Sales' ? '1' : '2'
    return {
      GlobalTaxCalculation: inclusive ? 'TaxInclusive' : 'TaxExcluded',
      Line: jsonLines,
      TxnTaxDetail: {
        TotalTax: num(tax),
        TaxLine: [
          {
            Amount: num(tax),
            DetailType: 'TaxLineDetail',
            TaxLineDetail: {TaxRateRef: {value: rateId}, PercentBased: true, TaxPercent: 10},
          },
        ],
      },
      TotalAmt: num(total),
      total,
    }
  }

  const setOpen = (type: string, doc: Json, value: Dec) => {
    open.set(`${type}:${String(doc.Id)}`, value)
    doc.Balance = num(value)
  }
  const openDocs = (type: string, partyField: string, party: string) =>
    (lists[type] ?? []).filter(
      (d) =>
        (d[partyField] as {value: string}).value === party &&
        (open.get(`${type}:${String(d.Id)}`) ?? new D(0)).gt(0),
    )

  for (const op of ops) {
    date = addDays(date, op.days)
    const base = {Id: String(nextId++), TxnDate: date, MetaData: {CreateTime: `${date}T00:00:00Z`}}
    switch (op.kind) {
      case 'invoice':
      case 'creditMemo':
      case 'salesReceipt': {
        const customer = CUSTOMERS[op.customer] ?? '58'
        const foreign = customer === '60' && op.kind !== 'salesReceipt'
        const {total, ...doc} = document(op.lines, op.inclusive, op.stored, 'Sales')
        const row: Json = {
          ...base,
          CustomerRef: {value: op.kind === 'salesReceipt' ? '58' : customer},
          DueDate: addDays(date, 30),
          ...doc,
          ...(foreign
            ? {CurrencyRef: {value: 'EUR'}, ExchangeRate: RATES[op.rate]}
            : {CurrencyRef: {value: 'AUD'}}),
        }
        const type =
          op.kind === 'invoice' ? 'Invoice' : op.kind === 'creditMemo' ? 'CreditMemo' : 'SalesReceipt'
        if (type === 'SalesReceipt') undeposited.push(row)
        else setOpen(type, row, total)
        add(type, row)
        break
      }
      case 'bill':
      case 'vendorCredit':
      case 'purchase': {
        const vendor = VENDORS[op.vendor] ?? '56'
        const {total, ...doc} = document(op.lines, op.inclusive, op.stored, 'Purchase')
        if (op.kind === 'purchase') {
          add('Purchase', {
            ...base,
            PaymentType: 'Cash',
            AccountRef: {value: '35'},
            EntityRef: {value: vendor, type: 'Vendor'},
            ...doc,
          })
          break
        }
        const type = op.kind === 'bill' ? 'Bill' : 'VendorCredit'
        const row: Json = {...base, VendorRef: {value: vendor}, DueDate: addDays(date, 14), ...doc}
        setOpen(type, row, total)
        add(type, row)
        break
      }
      case 'payment':
      case 'billPayment': {
        const receivable = op.kind === 'payment'
        const party = receivable ? (CUSTOMERS[op.customer] ?? '58') : (VENDORS[op.vendor] ?? '56')
        const partyField = receivable ? 'CustomerRef' : 'VendorRef'
        const [chargeType, creditType] = receivable ? ['Invoice', 'CreditMemo'] : ['Bill', 'VendorCredit']
        const paymentLines: Json[] = []
        let charged = new D(0)
        for (const doc of openDocs(chargeType, partyField, party).slice(0, 2)) {
          const balance = open.get(`${chargeType}:${String(doc.Id)}`) ?? new D(0)
          const amount = D.max(new D('0.01'), roundAmount(balance.times(op.percent).div(100)))
          setOpen(chargeType, doc, balance.minus(amount))
          charged = charged.plus(amount)
          paymentLines.push({Amount: num(amount), LinkedTxn: [{TxnId: doc.Id, TxnType: chargeType}]})
        }
        let credited = new D(0)
        if (op.useCredit) {
          for (const doc of openDocs(creditType, partyField, party).slice(0, 1)) {
            const balance = open.get(`${creditType}:${String(doc.Id)}`) ?? new D(0)
            const amount = D.min(balance, charged)
            if (amount.isZero()) continue
            setOpen(creditType, doc, balance.minus(amount))
            credited = credited.plus(amount)
            paymentLines.push({Amount: num(amount), LinkedTxn: [{TxnId: doc.Id, TxnType: creditType}]})
          }
        }
        const extra = cents(op.extraCents)
        const total = charged.minus(credited).plus(extra)
        if (paymentLines.length === 0 && extra.isZero()) break
        const foreign = party === '60'
        const row: Json = {
          ...base,
          [partyField]: {value: party},
          TotalAmt: num(total),
          UnappliedAmt: num(extra),
          Line: paymentLines,
          ...(foreign
            ? {CurrencyRef: {value: 'EUR'}, ExchangeRate: RATES[receivable ? op.rate : 0]}
            : {CurrencyRef: {value: 'AUD'}}),
        }
        if (receivable) {
          if (op.banked) row.DepositToAccountRef = {value: '35'}
          else if (!foreign) undeposited.push(row)
          add('Payment', row)
        } else {
          Object.assign(
            row,
            op.card
              ? {PayType: 'CreditCard', CreditCardPayment: {CCAccountRef: {value: '41'}}}
              : {PayType: 'Check', CheckPayment: {BankAccountRef: {value: '35'}}},
          )
          add('BillPayment', row)
        }
        break
      }
      case 'journal': {
        const net = cents(op.cents)
        const tax = op.taxed ? roundAmount(net.times('0.1')) : new D(0)
        const taxFields = op.taxed
          ? {TaxCodeRef: {value: '10'}, TaxApplicableOn: op.sales ? 'Sales' : 'Purchase', TaxAmount: num(tax)}
          : {}
        const jeLine = (amount: Dec, PostingType: string, account: string, extra: Json = {}) => ({
          DetailType: 'JournalEntryLineDetail',
          Amount: num(amount),
          JournalEntryLineDetail: {PostingType, AccountRef: {value: account}, ...extra},
        })
        const jeLines = op.sales
          ? [jeLine(net, 'Credit', '29', taxFields), jeLine(net.plus(tax), 'Debit', '35')]
          : [jeLine(net, 'Debit', '7', taxFields), jeLine(net.plus(tax), 'Credit', '35')]
        add('JournalEntry', {...base, Line: jeLines, TotalAmt: 0})
        break
      }
      case 'deposit': {
        const extra = cents(op.extraCents)
        if (undeposited.length === 0 && extra.isZero()) break
        const depositLines: Json[] = undeposited.map((p) => ({
          Amount: p.TotalAmt,
          LinkedTxn: [
            {TxnId: p.Id, TxnType: lists.Payment?.includes(p) ? 'Payment' : 'SalesReceipt', TxnLineId: '0'},
          ],
        }))
        const linked = undeposited.reduce((s, p) => s.plus(new D(p.TotalAmt as number)), new D(0))
        if (!extra.isZero())
          depositLines.push({
            Amount: num(extra),
            DetailType: 'DepositLineDetail',
            DepositLineDetail: {AccountRef: {value: '29'}},
          })
        undeposited.length = 0
        add('Deposit', {
          ...base,
          DepositToAccountRef: {value: '35'},
          Line: depositLines,
          TotalAmt: num(linked.plus(extra)),
        })
        break
      }
      case 'transfer':
        add('Transfer', {
          ...base,
          FromAccountRef: {value: '35'},
          ToAccountRef: {value: '36'},
          Amount: num(cents(op.cents)),
        })
        break
    }
  }
  return {lists}
}

/** QBO's AR (AP) as the documents state it: open charges less open credits and unapplied payments, in home currency. */
export function expectedControl(company: Company, receivable: boolean): Dec {
  const [charge, credit, payment] = receivable
    ? ['Invoice', 'CreditMemo', 'Payment']
    : ['Bill', 'VendorCredit', 'BillPayment']
  const home = (doc: Json, field: string) =>
    roundAmount(
      new D((doc[field] as number | undefined) ?? 0).times((doc.ExchangeRate as number | undefined) ?? 1),
    )
  let total = new D(0)
  for (const doc of company.lists[charge] ?? []) total = total.plus(home(doc, 'Balance'))
  for (const doc of company.lists[credit] ?? []) total = total.minus(home(doc, 'Balance'))
  for (const doc of company.lists[payment] ?? []) total = total.minus(home(doc, 'UnappliedAmt'))
  return total
}
