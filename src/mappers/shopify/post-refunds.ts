import {D, type Dec, amountText, toQboAmount} from '../../domain/money.js'
import type {ShopifyRefund} from '../../domain/shopify-order.js'
import {
  type DesiredDoc,
  type PostedEntity,
  type Decision,
  finish,
  paidWith,
  partyHeader,
  ref,
} from './docs.js'
import {KEYS, marker} from './identity.js'
import {type LineContext, toQbo} from './lines.js'
import {type RefundShare, refundLines, refundShares, splitLines, valueOf} from './refund-lines.js'
import type {ShopifySettings} from './settings.js'

export interface RefundPostingContext {
  ctx: LineContext
  settings: ShopifySettings
  customer: string | undefined
  /** `AU-1001` + a suffix, recording a decision when it had to be shortened. */
  number: (suffix: string) => string
  /** The order's document: an invoice a credit can be applied to, or a sales receipt. */
  orderEntity: 'Invoice' | 'SalesReceipt'
  paymentRefNum: string
  docs: DesiredDoc[]
  decisions: Decision[]
}

/**
 * One refund's documents. The money paid back through each gateway is a RefundReceipt (a gift card's from
 * the gift card liability); money refunded to store credit a CreditMemo the customer can spend later; value
 * given back without money (items taken off an unpaid order, a return not paid out) a CreditMemo applied to
 * the invoice while it is open. Returns what it applied to the invoice.
 */
export function postRefund(p: RefundPostingContext, refund: ShopifyRefund, ordinal: number, open: Dec): Dec {
  const {ctx, settings} = p
  const {order, refs, cur} = ctx
  const lines = refundLines(ctx, settings, refund)
  let value = valueOf(lines, order.taxesIncluded)
  const shares = refundShares(settings, ctx, refund)
  const paid = shares.reduce((a, s) => a.plus(s.amount), new D(0))
  if (paid.gt(value)) {
    // More money went back than the lines account for: the rest is an adjustment, so the documents add up.
    const item = refs.item('adjustment')
    if (!item)
      ctx.problems.push(`QBO has no item "${settings.items.adjustment}" (settings: items.adjustment)`)
    lines.push({
      kind: 'item',
      itemId: item ?? '',
      amount: paid.minus(value),
      tax: new D(0),
      taxCode: refs.untaxedCode ?? '',
      description: 'Refunded beyond the items and shipping returned',
    })
    value = paid
  }
  if (paid.lt(value)) shares.push({channel: 'credit', gateway: '', amount: value.minus(paid)})
  if (shares.length > 1)
    p.decisions.push({
      code: 'REFUND_SPLIT',
      message: `${order.name} refund ${refund.id} went back ${shares.length} ways; its lines are divided between their documents in proportion.`,
      detail: {
        shares: shares.map((s) => ({channel: s.channel, gateway: s.gateway, amount: amountText(s.amount)})),
      },
    })
  const parts = splitLines(
    lines,
    shares.map((s) => s.amount),
    value,
  )
  const moneyShares = shares.filter((s) => s.channel === 'money' || s.channel === 'gift-card')
  const tax = order.taxesIncluded ? 'TaxInclusive' : 'TaxExcluded'
  let applied = new D(0)
  shares.forEach((share, i) => {
    const partLines = parts[i]!
    const doc = refundDoc(share, moneyShares.length > 1 ? moneyShares.indexOf(share) : -1, refund.id, ordinal)
    const docTax = partLines.reduce((a, l) => a.plus(l.tax), new D(0))
    const docNumber = p.number(doc.suffix)
    p.docs.push(
      finish({
        key: doc.key,
        entity: doc.entity,
        wave: 2,
        total: share.amount,
        docNumber,
        txnDate: refund.date,
        marker: marker(order.shop, order.id, doc.key),
        note: `Shopify refund ${refund.id} of order ${order.name} (${order.shop}): ${doc.what}`,
        payload: {
          ...partyHeader(refs, cur, p.customer, share.txn?.amount ?? order.totals.total, share.txn),
          DocNumber: docNumber,
          TxnDate: refund.date,
          GlobalTaxCalculation: tax,
          CustomerMemo: {value: `Shopify order ${order.name}: ${doc.what}`},
          Line: partLines.map((l) => toQbo(l, refs.discountAccount)),
          ...(order.taxesIncluded ? {} : {TxnTaxDetail: {TotalTax: toQboAmount(docTax)}}),
          ...(doc.entity === 'RefundReceipt'
            ? paidWith(
                refs,
                share.gateway,
                ctx.problems,
                share.channel === 'gift-card' ? 'deposit' : 'refund',
              )
            : {}),
        },
      }),
    )
    if (share.channel !== 'credit') return
    p.decisions.push({
      code: 'REFUND_AS_CREDIT',
      message: `${order.name} refund ${refund.id}: ${amountText(share.amount)} given back without money, posted as a credit memo${p.orderEntity === 'Invoice' ? ' applied to the invoice while it is open' : ''}.`,
    })
    if (p.orderEntity !== 'Invoice') return
    const amount = D.max(0, D.min(share.amount, open))
    if (amount.isZero()) return
    applied = amount
    const key = KEYS.apply(refund.id)
    p.docs.push(
      finish({
        key,
        entity: 'Payment',
        wave: 3,
        total: new D(0),
        txnDate: refund.date,
        marker: marker(order.shop, order.id, key),
        note: `Credit of Shopify refund ${refund.id} applied to order ${order.name} (${order.shop})`,
        payload: {
          ...partyHeader(refs, cur, p.customer, order.totals.total),
          TxnDate: refund.date,
          TotalAmt: 0,
          PaymentRefNum: p.paymentRefNum,
          Line: [
            {Amount: toQboAmount(amount), LinkedTxn: [{TxnId: ref(KEYS.doc), TxnType: 'Invoice'}]},
            {Amount: toQboAmount(amount), LinkedTxn: [{TxnId: ref(doc.key), TxnType: 'CreditMemo'}]},
          ],
        },
      }),
    )
  })
  return applied
}

function refundDoc(
  share: RefundShare,
  moneyIndex: number,
  refundId: string,
  n: number,
): {key: string; entity: PostedEntity; suffix: string; what: string} {
  switch (share.channel) {
    case 'store-credit':
      return {
        key: KEYS.storeCredit(refundId),
        entity: 'CreditMemo',
        suffix: `-S${n}`,
        what: 'refunded as store credit',
      }
    case 'credit':
      return {
        key: KEYS.credit(refundId),
        entity: 'CreditMemo',
        suffix: `-C${n}`,
        what: 'credit without money back',
      }
    default:
      return {
        key: moneyIndex >= 0 ? KEYS.refund(refundId, share.gateway) : KEYS.refund(refundId),
        entity: 'RefundReceipt',
        suffix: `-R${n}${moneyIndex > 0 ? String.fromCharCode(97 + moneyIndex) : ''}`,
        what: `refunded through ${share.gateway}`,
      }
  }
}
