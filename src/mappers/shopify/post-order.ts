import {D, type Dec, amountText, roundAmount, toQboAmount} from '../../domain/money.js'
import type {ShopifyOrder, ShopifyTransaction} from '../../domain/shopify-order.js'
import {type OrderCurrency, orderCurrency} from './currency.js'
import {type Decision, type DesiredDoc, finish, paidWith, partyHeader, ref} from './docs.js'
import {DOC_NUMBER_MAX, KEYS, docNumber, marker} from './identity.js'
import {type LineContext, toQbo} from './lines.js'
import {orderLines} from './order-lines.js'
import {postRefund} from './post-refunds.js'
import type {PostingRefs} from './refs.js'
import {refundLines, valueOf} from './refund-lines.js'
import type {ShopifySettings} from './settings.js'

export interface OrderPosting {
  docs: DesiredDoc[]
  decisions: Decision[]
  /** Why the order cannot be posted as it stands (missing QBO records, no exchange rate); nothing is written. */
  problems: string[]
}

/** What the sync already wrote as the order's own document. */
export interface ExistingDoc {
  entity: 'Invoice' | 'SalesReceipt'
  /** How many versions were voided so far (the live one, if any, is the next). */
  revision: number
  /** false once the document was voided (the next version is due). */
  active: boolean
}

export interface PostInput {
  order: ShopifyOrder
  settings: ShopifySettings
  refs: PostingRefs
  prefix: string
  existing?: ExistingDoc
}

/** Sales made this close to the order count as paid at checkout. */
const CHECKOUT_WINDOW_MS = 10 * 60_000

/**
 * The posting model (docs/shopify.md): an order becomes an Invoice, or a SalesReceipt when it was paid in full
 * at checkout in one way; each successful sale or capture a Payment applied to the invoice as far as it is
 * open (authorisations are not money); each refund its RefundReceipts and CreditMemos (post-refunds.ts).
 * Pure: the same order, settings and references always give the same documents.
 */
export function postOrder(input: PostInput): OrderPosting {
  const {order, settings, refs} = input
  const problems: string[] = []
  const decisions: Decision[] = []
  const cur = orderCurrency(order, refs)
  if (cur.problem) return {docs: [], decisions, problems: [cur.problem]}
  if (order.test && !settings.includeTestOrders)
    return {
      docs: [],
      decisions: [{code: 'TEST_ORDER_SKIPPED', message: `${order.name} is a test order: not posted.`}],
      problems,
    }
  const ctx: LineContext = {order, refs, cur, problems}
  const customer = refs.customer(cur.code)
  if (!customer) problems.push(`QBO has no customer for this store in ${cur.code}`)
  const number = (suffix: string) => {
    const d = docNumber(input.prefix, order.name, order.id, suffix)
    if (d.shortened)
      decisions.push({
        code: 'DOCNUMBER_SHORTENED',
        message: `${input.prefix}-${order.name.replace(/^#/, '')}${suffix} does not fit QBO's ${DOC_NUMBER_MAX} characters: ${d.value}.`,
      })
    return d.value
  }
  const docs: DesiredDoc[] = []

  const billed = orderLines(ctx, settings)
  const money = moneyTransactions(order, cur, decisions)
  const entity = documentType(input, money, billed.total, decisions)
  // A version still live and of another type is voided by the plan; the new one is the next revision.
  const existing = input.existing
  const revision = (existing?.revision ?? 0) + (existing?.active && existing.entity !== entity ? 1 : 0)
  const docNo = number(revision === 0 ? '' : `.${revision + 1}`)
  const expected = shopifyBilled(ctx, settings)
  if (!expected.eq(billed.total))
    decisions.push({
      code: 'SHOPIFY_TOTAL_DIFFERS',
      message: `${order.name}: its lines come to ${amountText(billed.total)} but Shopify's totals give ${amountText(expected)}; posted as the lines say.`,
      detail: {lines: amountText(billed.total), shopify: amountText(expected)},
    })
  const checkout = entity === 'SalesReceipt' ? money[0] : undefined
  docs.push(
    finish({
      key: KEYS.doc,
      entity,
      wave: 1,
      total: billed.total,
      docNumber: docNo,
      txnDate: order.date,
      marker: marker(order.shop, order.id, revision === 0 ? KEYS.doc : `${KEYS.doc}.r${revision}`),
      note: `Shopify order ${order.name} (${order.shop})`,
      payload: {
        ...partyHeader(refs, cur, customer, order.totals.total, checkout?.txn),
        DocNumber: docNo,
        TxnDate: order.date,
        GlobalTaxCalculation: order.taxesIncluded ? 'TaxInclusive' : 'TaxExcluded',
        CustomerMemo: {value: `Shopify order ${order.name}`},
        Line: billed.lines.map((l) => toQbo(l, refs.discountAccount)),
        ...(order.taxesIncluded ? {} : {TxnTaxDetail: {TotalTax: toQboAmount(billed.tax)}}),
        ...(checkout ? paidWith(refs, checkout.txn.gateway, problems, 'deposit') : {}),
      },
    }),
  )

  // Money in and value given back, in the order they happened: each applies to the invoice as far as it is open.
  const refundContext = {
    ctx,
    settings,
    customer,
    number,
    orderEntity: entity,
    paymentRefNum: docNo,
    docs,
    decisions,
  }
  let open = entity === 'Invoice' ? billed.total : new D(0)
  const events = [
    ...(entity === 'Invoice' ? money.map((m) => ({at: m.txn.processedAt, m})) : []),
    ...order.refunds.map((r, i) => ({at: r.createdAt, r, n: i + 1})),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  for (const e of events) {
    if ('r' in e) {
      open = open.minus(postRefund(refundContext, e.r, e.n, open))
      continue
    }
    const applied = D.max(0, D.min(e.m.amount, open))
    open = open.minus(applied)
    const key = KEYS.payment(e.m.txn.id)
    docs.push(
      finish({
        key,
        entity: 'Payment',
        wave: 2,
        total: e.m.amount,
        txnDate: e.m.txn.date,
        marker: marker(order.shop, order.id, key),
        note: `Shopify ${e.m.txn.kind.toLowerCase()} ${e.m.txn.id} (${e.m.txn.gateway}) for order ${order.name} (${order.shop})`,
        payload: {
          ...partyHeader(refs, cur, customer, e.m.txn.amount, e.m.txn),
          TxnDate: e.m.txn.date,
          TotalAmt: toQboAmount(e.m.amount),
          PaymentRefNum: docNo,
          ...paidWith(refs, e.m.txn.gateway, problems, 'deposit'),
          Line: applied.gt(0)
            ? [{Amount: toQboAmount(applied), LinkedTxn: [{TxnId: ref(KEYS.doc), TxnType: 'Invoice'}]}]
            : [],
        },
      }),
    )
  }
  return {docs: problems.length ? [] : docs, decisions, problems: [...new Set(problems)]}
}

interface Money {
  txn: ShopifyTransaction
  amount: Dec
}

/** Successful sales and captures, less change given back in cash; authorisations and failures are not money. */
function moneyTransactions(order: ShopifyOrder, cur: OrderCurrency, decisions: Decision[]): Money[] {
  const ok = order.transactions.filter((t) => t.status === 'SUCCESS')
  const out = ok
    .filter((t) => t.kind === 'SALE' || t.kind === 'CAPTURE')
    .map((txn) => {
      const change = ok.filter((c) => c.kind === 'CHANGE' && c.parentId === txn.id)
      return {txn, amount: change.reduce((a, c) => a.minus(cur.pick(c.amount)), cur.pick(txn.amount))}
    })
  for (const c of ok.filter((t) => t.kind === 'CHANGE'))
    if (!out.some((m) => m.txn.id === c.parentId))
      decisions.push({
        code: 'CHANGE_IGNORED',
        message: `${order.name}: change ${c.id} names no sale of the order; ignored.`,
      })
  return out.sort((a, b) =>
    a.txn.processedAt < b.txn.processedAt ? -1 : a.txn.processedAt > b.txn.processedAt ? 1 : 0,
  )
}

/**
 * An order paid in full at checkout in one way is a sales receipt, and stays one while that still holds (a
 * refund later does not change it). Once it no longer holds — an edit changed the total, more money came —
 * QBO cannot turn a sales receipt into an invoice: it is voided and the order posted again as an invoice.
 */
function documentType(
  input: PostInput,
  money: Money[],
  total: Dec,
  decisions: Decision[],
): 'Invoice' | 'SalesReceipt' {
  const {order, settings, existing} = input
  const paid = money.reduce((a, m) => a.plus(m.amount), new D(0))
  const receipt =
    money.length > 0 &&
    money.every((m) => m.txn.gateway === money[0]!.txn.gateway && m.txn.kind === 'SALE') &&
    money.every(
      (m) => Math.abs(Date.parse(m.txn.processedAt) - Date.parse(order.processedAt)) <= CHECKOUT_WINDOW_MS,
    ) &&
    paid.eq(total)
  if (existing?.entity === 'SalesReceipt' && existing.active) {
    if (receipt) return 'SalesReceipt'
    decisions.push({
      code: 'ORDER_REPOSTED',
      message: `${order.name} changed after its sales receipt was posted (edited, or paid again): QBO cannot turn a sales receipt into an invoice, so it is voided and the order posted again as an invoice with its payments.`,
    })
    return 'Invoice'
  }
  if (existing) return 'Invoice'
  return settings.salesReceiptWhenPaidAtCheckout && order.refunds.length === 0 && receipt
    ? 'SalesReceipt'
    : 'Invoice'
}

/** Shopify's own figure for what the order's document bills: its current total plus all refunded off it. */
function shopifyBilled(ctx: LineContext, settings: ShopifySettings): Dec {
  const {order, cur} = ctx
  const quiet = {...ctx, problems: []}
  const refunded = order.refunds.map((r) => valueOf(refundLines(quiet, settings, r), order.taxesIncluded))
  return roundAmount(refunded.reduce((a, v) => a.plus(v), cur.pick(order.totals.currentTotal)))
}
