import {D, type Dec, roundAmount, sum, toQboAmount} from '../../../domain/money.js'
import {faults} from '../faults.js'
import type {Json, Store} from '../store.js'
import {
  type WriteContext,
  accountOfType,
  findAccount,
  isObject,
  lines,
  maxLen,
  num,
  refValue,
  resolveRef,
  str,
} from './context.js'
import {homeAmount, txnHeader} from './header.js'
import {numberLines} from './lines.js'
import type {EntityDef} from './registry.js'

/** Which payment type settles which document (and which documents count as credits). */
const LINKABLE: Record<string, {debits: string[]; credits: string[]; party: string}> = {
  Payment: {debits: ['Invoice', 'JournalEntry'], credits: ['CreditMemo'], party: 'CustomerRef'},
  BillPayment: {debits: ['Bill', 'JournalEntry'], credits: ['VendorCredit'], party: 'VendorRef'},
}
export const PAYER: Record<string, string> = {
  Invoice: 'Payment',
  CreditMemo: 'Payment',
  Bill: 'BillPayment',
  VendorCredit: 'BillPayment',
}

export interface Link {
  entity: string
  id: string
  amount: Dec
}

/** The documents a payment's lines settle, with the amount applied to each. */
export function linksOf(payment: Json): Link[] {
  const out: Link[] = []
  for (const line of Array.isArray(payment.Line) ? (payment.Line as Json[]) : []) {
    for (const link of Array.isArray(line.LinkedTxn) ? (line.LinkedTxn as Json[]) : [])
      out.push({
        entity: String(link.TxnType),
        id: String(link.TxnId),
        amount: new D(Number(line.Amount ?? 0)),
      })
  }
  return out
}

/** Amount of `entity id` settled by payments other than `exceptPaymentId`. */
function appliedTo(store: Store, payer: string, entity: string, id: string, exceptPaymentId?: string): Dec {
  let total = new D(0)
  for (const p of store.linking(payer, entity, id)) {
    if (p.Id === exceptPaymentId) continue
    for (const l of linksOf(p)) if (l.entity === entity && l.id === id) total = total.plus(l.amount)
  }
  return total
}

/**
 * Payment and BillPayment: each line settles one document of the same customer/supplier, never more than
 * its open balance; credits (CreditMemo, VendorCredit) offset charges; what is left is UnappliedAmt.
 */
export function normalizePayment(
  def: EntityDef,
  out: Json,
  existing: Json | undefined,
  ctx: WriteContext,
): Json {
  const rules = LINKABLE[def.name]!
  const party = resolveRef(
    ctx,
    out,
    rules.party,
    [rules.party === 'CustomerRef' ? 'Customer' : 'Vendor'],
    true,
  )!
  txnHeader(def, out, existing, ctx, isObject(party.CurrencyRef) ? party.CurrencyRef : undefined)
  maxLen(out, 'PaymentRefNum', 21)
  const total = num(out, 'TotalAmt')
  if (total === undefined) throw faults.required('TotalAmt')
  if (total.lt(0)) throw faults.business('The payment amount cannot be negative.')
  if (def.name === 'Payment') {
    if (out.DepositToAccountRef === undefined)
      out.DepositToAccountRef = {value: findAccount(ctx.store, 'UndepositedFunds').Id}
    resolveRef(ctx, out, 'DepositToAccountRef', ['Account'])
    resolveRef(ctx, out, 'PaymentMethodRef', ['PaymentMethod'])
    resolveRef(ctx, out, 'ARAccountRef', ['Account'])
  } else {
    const payType = str(out, 'PayType')
    if (!payType) throw faults.required('PayType')
    if (payType !== 'Check' && payType !== 'CreditCard') throw faults.invalidEnum('PayType', payType)
    const [holder, field] =
      payType === 'Check' ? ['CheckPayment', 'BankAccountRef'] : ['CreditCardPayment', 'CCAccountRef']
    const pay = isObject(out[holder]) ? {...(out[holder] as Json)} : {}
    const acct = resolveRef(ctx, pay, field, ['Account'], true)!
    if (!accountOfType(acct, payType === 'Check' ? 'Bank' : 'Credit Card', 'Bank'))
      throw faults.business(`${field} must be a ${payType === 'Check' ? 'bank' : 'credit card'} account.`)
    out[holder] = pay
    if (out.APAccountRef === undefined)
      out.APAccountRef = {value: findAccount(ctx.store, 'AccountsPayable').Id}
    resolveRef(ctx, out, 'APAccountRef', ['Account'])
  }
  const all = lines(out)
  const charges: Dec[] = []
  const credits: Dec[] = []
  for (const line of all) {
    const amount = num(line, 'Amount')
    if (amount === undefined) throw faults.required('Line.Amount')
    line.Amount = toQboAmount(amount)
    const linked = Array.isArray(line.LinkedTxn) ? (line.LinkedTxn as Json[]) : []
    if (linked.length === 0) throw faults.required('LinkedTxn')
    for (const link of linked) {
      const type = String(link.TxnType ?? '')
      const id = String(link.TxnId ?? '')
      const isCredit = rules.credits.includes(type)
      if (!isCredit && !rules.debits.includes(type)) throw faults.invalidEnum('LinkedTxn.TxnType', type)
      const target = ctx.hidden.has(`${type}:${id}`) ? undefined : ctx.store.get(type, id)
      if (!target) throw faults.invalidReference(type, id, 'LinkedTxn')
      if (type !== 'JournalEntry' && refValue(target, rules.party) !== String(party.Id))
        throw faults.business(
          `${type} ${id} belongs to another ${rules.party === 'CustomerRef' ? 'customer' : 'supplier'}.`,
        )
      if (type !== 'JournalEntry') {
        const open = new D(Number(target.TotalAmt ?? 0)).minus(
          appliedTo(ctx.store, def.name, type, id, existing ? String(existing.Id) : undefined),
        )
        if (roundAmount(amount).gt(open))
          throw faults.business(
            `The amount applied to ${type} ${String(target.DocNumber ?? id)} (${amount.toFixed(2)}) is more than its open balance (${open.toFixed(2)}).`,
          )
      }
      ;(isCredit ? credits : charges).push(roundAmount(amount))
    }
  }
  const applied = sum(charges).minus(sum(credits))
  if (applied.gt(total))
    throw faults.business('The payment amount must be at least the total of the amounts applied.')
  numberLines(all)
  for (const l of all) delete l.LineNum
  out.Line = all
  out.TotalAmt = toQboAmount(total)
  out.HomeTotalAmt = homeAmount(out, total)
  out.UnappliedAmt = toQboAmount(total.minus(applied))
  return out
}

/** Re-derives Balance (and RemainingCredit, LinkedTxn) of a settled document from the payments that link it. */
export function refreshBalance(store: Store, entity: string, id: string): void {
  const payer = PAYER[entity]
  const target = payer ? store.get(entity, id) : undefined
  if (!payer || !target) return
  const paid = appliedTo(store, payer, entity, id)
  const balance = new D(Number(target.TotalAmt ?? 0)).minus(paid)
  const next: Json = {...target, Balance: toQboAmount(balance), HomeBalance: homeAmount(target, balance)}
  if (entity === 'CreditMemo') next.RemainingCredit = toQboAmount(balance)
  const links = store.linking(payer, entity, id)
  if (links.length) next.LinkedTxn = links.map((p) => ({TxnId: p.Id, TxnType: payer}))
  else delete next.LinkedTxn
  store.put(entity, next)
}

/** Customer/Vendor Balance: open documents less open credits and unapplied payments. */
export function refreshPartyBalance(store: Store, entity: 'Customer' | 'Vendor', id: string): void {
  const party = store.get(entity, id)
  if (!party) return
  const field = entity === 'Customer' ? 'CustomerRef' : 'VendorRef'
  const [debits, credits, payer] =
    entity === 'Customer'
      ? [['Invoice'], ['CreditMemo'], 'Payment']
      : [['Bill'], ['VendorCredit'], 'BillPayment']
  const mine = (t: string) => store.byParty(t, id).filter((r) => refValue(r, field) === id)
  const open = sum(debits.flatMap(mine).map((r) => new D(Number(r.Balance ?? 0))))
  const credit = sum(credits.flatMap(mine).map((r) => new D(Number(r.Balance ?? 0))))
  const unapplied = sum(mine(payer).map((r) => new D(Number(r.UnappliedAmt ?? 0))))
  const balance = toQboAmount(open.minus(credit).minus(unapplied))
  store.put(entity, {...party, Balance: balance, BalanceWithJobs: balance})
}
