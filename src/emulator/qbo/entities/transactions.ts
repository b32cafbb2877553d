import {D, type Dec, roundAmount, sum, toQboAmount} from '../../../domain/money.js'
import {addDays, parseIsoDate} from '../../../domain/civil-date.js'
import {faults} from '../faults.js'
import type {Json} from '../store.js'
import {
  type WriteContext,
  accountOfType,
  detail,
  findAccount,
  isObject,
  lines,
  num,
  refValue,
  resolveRef,
  str,
} from './context.js'
import {homeAmount, txnHeader} from './header.js'
import {expenseLines, numberLines, salesLines} from './lines.js'
import {normalizePurchaseOrder} from './purchase-order.js'
import type {EntityDef} from './registry.js'
import {normalizeShipping} from './shipping.js'
import {type PricedLine, applyTax, taxMode} from './tax.js'

function dueDate(
  ctx: WriteContext,
  out: Json,
  termField: string,
  partyTermField: string,
  party: Json | undefined,
): void {
  if (str(out, 'DueDate')) return
  const termId = refValue(out, termField) ?? (party ? refValue(party, partyTermField) : undefined)
  const term = termId ? ctx.store.get('Term', termId) : undefined
  const txnDate = parseIsoDate(String(out.TxnDate))
  out.DueDate = txnDate ? addDays(txnDate, Number(term?.DueDays ?? 0)) : out.TxnDate
}

function currencyOf(party: Json | undefined): Json | undefined {
  return party && isObject(party.CurrencyRef) ? party.CurrencyRef : undefined
}

function totals(ctx: WriteContext, out: Json, priced: PricedLine[], side: 'sales' | 'purchase'): Dec {
  const {total, taxDetail} = applyTax(ctx, out, priced, side)
  out.TxnTaxDetail = taxDetail
  out.TotalAmt = toQboAmount(total)
  out.HomeTotalAmt = homeAmount(out, total)
  return total
}

export function normalizeSales(
  def: EntityDef,
  out: Json,
  existing: Json | undefined,
  ctx: WriteContext,
): Json {
  const receipt = def.name === 'SalesReceipt' || def.name === 'RefundReceipt'
  const customer = resolveRef(ctx, out, 'CustomerRef', ['Customer'], !receipt)
  txnHeader(def, out, existing, ctx, currencyOf(customer))
  resolveRef(ctx, out, 'SalesTermRef', ['Term'])
  resolveRef(ctx, out, 'ClassRef', ['Class'])
  resolveRef(ctx, out, 'DepartmentRef', ['Department'])
  resolveRef(ctx, out, 'PaymentMethodRef', ['PaymentMethod'])
  normalizeShipping(out)
  const {priced, all, addSubtotal} = salesLines(ctx, out)
  const total = totals(ctx, out, priced, 'sales')
  addSubtotal()
  out.Line = all
  if (def.name === 'Invoice') {
    const ar = resolveRef(ctx, out, 'ARAccountRef', ['Account'])
    if (ar && !accountOfType(ar, 'Accounts Receivable'))
      throw faults.business('ARAccountRef must be an Accounts Receivable account.')
    dueDate(ctx, out, 'SalesTermRef', 'SalesTermRef', customer)
    out.Balance = toQboAmount(total)
    out.Deposit = out.Deposit ?? 0
    out.EmailStatus = out.EmailStatus ?? 'NotSet'
    out.PrintStatus = out.PrintStatus ?? 'NotSet'
  } else if (def.name === 'CreditMemo') {
    out.RemainingCredit = toQboAmount(total)
    out.Balance = toQboAmount(total)
  } else {
    // A refund receipt must say which account pays the money back (REF:refundreceipt); a sales receipt defaults.
    if (out.DepositToAccountRef === undefined && def.name === 'RefundReceipt')
      throw faults.required('DepositToAccountRef')
    if (out.DepositToAccountRef === undefined)
      out.DepositToAccountRef = {value: findAccount(ctx.store, 'UndepositedFunds').Id}
    resolveRef(ctx, out, 'DepositToAccountRef', ['Account'])
    out.Balance = 0
  }
  out.HomeBalance = homeAmount(out, new D(Number(out.Balance)))
  return out
}

export function normalizePurchase(
  def: EntityDef,
  out: Json,
  existing: Json | undefined,
  ctx: WriteContext,
): Json {
  let party: Json | undefined
  if (def.name === 'Purchase') {
    const type = str(out, 'PaymentType')
    if (!type) throw faults.required('PaymentType')
    if (!['Cash', 'Check', 'CreditCard'].includes(type)) throw faults.invalidEnum('PaymentType', type)
    const acct = resolveRef(ctx, out, 'AccountRef', ['Account'], true)!
    if (!accountOfType(acct, 'Bank', 'Credit Card', 'Other Current Asset', 'Other Current Liability'))
      throw faults.business('The payment account of an expense must be a bank or credit card account.')
    party = resolveRef(ctx, out, 'EntityRef', ['Vendor', 'Customer', 'Employee'])
    if (party && isObject(out.EntityRef)) out.EntityRef = {...out.EntityRef, type: entityTypeOf(ctx, party)}
    out.Credit = out.Credit === true
  } else {
    party = resolveRef(ctx, out, 'VendorRef', ['Vendor'], true)
    if (out.APAccountRef === undefined)
      out.APAccountRef = {value: findAccount(ctx.store, 'AccountsPayable').Id}
    const ap = resolveRef(ctx, out, 'APAccountRef', ['Account'])!
    if (!accountOfType(ap, 'Accounts Payable'))
      throw faults.business('APAccountRef must be an Accounts Payable account.')
  }
  txnHeader(def, out, existing, ctx, currencyOf(party))
  resolveRef(ctx, out, 'DepartmentRef', ['Department'])
  resolveRef(ctx, out, 'SalesTermRef', ['Term'])
  const {priced, all} = expenseLines(ctx, out)
  const total = totals(ctx, out, priced, 'purchase')
  out.Line = all
  if (def.name === 'Bill') dueDate(ctx, out, 'SalesTermRef', 'TermRef', party)
  if (def.name === 'Bill' || def.name === 'VendorCredit') out.Balance = toQboAmount(total)
  if (def.name === 'PurchaseOrder') normalizePurchaseOrder(out, existing, ctx)
  return out
}

function entityTypeOf(ctx: WriteContext, party: Json): string {
  for (const t of ['Vendor', 'Customer', 'Employee'])
    if (ctx.store.get(t, String(party.Id)) === party) return t
  return 'Vendor'
}

export function normalizeJournal(
  def: EntityDef,
  out: Json,
  existing: Json | undefined,
  ctx: WriteContext,
): Json {
  txnHeader(def, out, existing, ctx)
  const mode = out.GlobalTaxCalculation === undefined ? undefined : taxMode(out)
  if (mode === 'NotApplicable') throw faults.invalidEnum('GlobalTaxCalculation', mode)
  const all = lines(out)
  if (all.length === 0) throw faults.missingLines()
  let debit = new D(0)
  let credit = new D(0)
  for (const line of all) {
    if (line.DetailType !== 'JournalEntryLineDetail')
      throw faults.invalidEnum('Line.DetailType', String(line.DetailType))
    const d = detail(line, 'JournalEntryLineDetail')
    const posting = d.PostingType
    if (posting !== 'Debit' && posting !== 'Credit') throw faults.missingPostingType()
    const acct = resolveRef(ctx, d, 'AccountRef', ['Account'], true)!
    const amount = num(line, 'Amount')
    if (amount === undefined) throw faults.required('Amount')
    const entity = isObject(d.Entity) ? d.Entity : undefined
    if (entity) {
      const type = String(entity.Type ?? '')
      if (!['Customer', 'Vendor', 'Employee'].includes(type)) throw faults.invalidEnum('Entity.Type', type)
      resolveRef(ctx, entity, 'EntityRef', [type], true)
    }
    if (accountOfType(acct, 'Accounts Receivable') && entity?.Type !== 'Customer')
      throw faults.business('When you use Accounts Receivable, you must choose a customer in the Name field.')
    if (accountOfType(acct, 'Accounts Payable') && entity?.Type !== 'Vendor')
      throw faults.business('When you use Accounts Payable, you must choose a supplier in the Name field.')
    resolveRef(ctx, d, 'ClassRef', ['Class'])
    resolveRef(ctx, d, 'DepartmentRef', ['Department'])
    let tax = new D(0)
    if (d.TaxCodeRef !== undefined) {
      resolveRef(ctx, d, 'TaxCodeRef', ['TaxCode'])
      if (d.TaxApplicableOn !== 'Sales' && d.TaxApplicableOn !== 'Purchase')
        throw faults.required('TaxApplicableOn')
      const taxAmount = num(d, 'TaxAmount')
      if (taxAmount === undefined) throw faults.required('TaxAmount')
      tax = taxAmount
      if (mode === 'TaxInclusive' && num(line, 'TaxInclusiveAmt') === undefined)
        throw faults.required('TaxInclusiveAmt')
    }
    const gross = roundAmount(amount).plus(mode === 'TaxInclusive' ? 0 : roundAmount(tax))
    line.Amount = toQboAmount(amount)
    line.JournalEntryLineDetail = d
    if (posting === 'Debit') debit = debit.plus(gross)
    else credit = credit.plus(gross)
  }
  if (!debit.eq(credit)) throw faults.unbalancedJournal()
  numberLines(all)
  out.Line = all
  // REF:journalentry documents JournalEntry.TotalAmt as always zero.
  out.TotalAmt = 0
  return out
}

export function normalizeBanking(
  def: EntityDef,
  out: Json,
  existing: Json | undefined,
  ctx: WriteContext,
): Json {
  txnHeader(def, out, existing, ctx)
  if (def.name === 'Transfer') {
    const from = resolveRef(ctx, out, 'FromAccountRef', ['Account'], true)!
    const to = resolveRef(ctx, out, 'ToAccountRef', ['Account'], true)!
    if (from.Id === to.Id) throw faults.business("You can't transfer money to the same account.")
    const amount = num(out, 'Amount')
    if (amount === undefined) throw faults.required('Amount')
    if (amount.lte(0)) throw faults.business('You must set a transaction amount.')
    out.Amount = toQboAmount(amount)
    return out
  }
  const bank = resolveRef(ctx, out, 'DepositToAccountRef', ['Account'], true)!
  if (!accountOfType(bank, 'Bank', 'Other Current Asset', 'Credit Card'))
    throw faults.business('You can only deposit to a bank account.')
  const all = lines(out)
  if (all.length === 0) throw faults.required('Line')
  const priced: PricedLine[] = []
  const plain: Dec[] = []
  for (const line of all) {
    const amount = num(line, 'Amount')
    if (amount === undefined) throw faults.required('Amount')
    line.Amount = toQboAmount(amount)
    if (Array.isArray(line.LinkedTxn) && line.LinkedTxn.length > 0) {
      for (const link of line.LinkedTxn as Json[]) {
        const t = String(link.TxnType)
        if (!['Payment', 'SalesReceipt', 'JournalEntry'].includes(t))
          throw faults.invalidEnum('LinkedTxn.TxnType', t)
        if (!ctx.store.get(t, String(link.TxnId)) || ctx.hidden.has(`${t}:${String(link.TxnId)}`))
          throw faults.invalidReference(t, String(link.TxnId), 'LinkedTxn')
      }
      plain.push(roundAmount(amount))
      continue
    }
    const d = detail(line, 'DepositLineDetail')
    line.DetailType = 'DepositLineDetail'
    resolveRef(ctx, d, 'AccountRef', ['Account'], true)
    if (isObject(d.Entity)) resolveRef(ctx, d, 'Entity', ['Customer', 'Vendor', 'Employee'])
    resolveRef(ctx, d, 'ClassRef', ['Class'])
    line.DepositLineDetail = d
    if (d.TaxCodeRef !== undefined && taxMode(out) !== 'NotApplicable')
      priced.push({line, detail: d, amount: roundAmount(amount)})
    else plain.push(roundAmount(amount))
  }
  const taxed = priced.length
    ? applyTax(ctx, out, priced, 'sales')
    : {total: new D(0), taxDetail: {TotalTax: 0}}
  out.TxnTaxDetail = taxed.taxDetail
  const total = taxed.total.plus(sum(plain))
  numberLines(all)
  out.Line = all
  out.TotalAmt = toQboAmount(total)
  out.HomeTotalAmt = homeAmount(out, total)
  return out
}
