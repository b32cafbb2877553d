import {z} from 'zod'

import {D, type Dec, amountText, roundAmount, sum} from '../../domain/money.js'
import type {EmuDiscount, EmuLine, EmuOrder, EmuRefund, EmuShop, EmuTransaction, IdSource} from './model.js'
import {currentQuantity, lineNet, lineTax, orderTotals, refundValue, shippingPrice} from './totals.js'

/** Refused input to a control endpoint: answered 422 with the message. */
export class EmulatorInputError extends Error {}

const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string')
const Instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T/, 'an ISO instant')

const LineInput = z.object({
  sku: z.string().nullable().optional(),
  title: z.string().min(1),
  quantity: z.number().int().positive(),
  price: Decimal,
  taxRate: Decimal.nullable().optional(),
  taxTitle: z.string().optional(),
  giftCard: z.boolean().optional(),
  requiresShipping: z.boolean().optional(),
  discount: z.object({amount: Decimal, title: z.string(), code: z.string().optional()}).optional(),
})
type LineInput = z.infer<typeof LineInput>

const TxnInput = z.object({
  kind: z.enum(['SALE', 'CAPTURE', 'AUTHORIZATION', 'VOID', 'CHANGE']).default('SALE'),
  gateway: z.string().min(1),
  amount: Decimal,
  status: z.enum(['SUCCESS', 'FAILURE', 'PENDING', 'ERROR']).default('SUCCESS'),
  parentId: z.string().optional(),
  /** Shop units per presentment unit for this transaction; default the order's. */
  rate: Decimal.optional(),
  processedAt: Instant.optional(),
})

export const CreateOrderInput = z.object({
  name: z.string().optional(),
  processedAt: Instant.optional(),
  presentmentCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  /** Shop units per presentment unit (e.g. 1.6 AUD per EUR). */
  rate: Decimal.optional(),
  taxesIncluded: z.boolean().default(false),
  taxExempt: z.boolean().default(false),
  test: z.boolean().default(false),
  lines: z.array(LineInput).min(1),
  orderDiscount: z.object({amount: Decimal, title: z.string(), code: z.string().optional()}).optional(),
  shipping: z.object({title: z.string(), price: Decimal, taxRate: Decimal.nullable().optional()}).optional(),
  transactions: z.array(TxnInput).default([]),
})
export type CreateOrderInput = z.input<typeof CreateOrderInput>

export const TransactionInput = TxnInput
export type TransactionInput = z.input<typeof TxnInput>

export const RefundInput = z.object({
  note: z.string().optional(),
  lines: z
    .array(
      z.object({
        lineItemId: z.string().optional(),
        sku: z.string().optional(),
        quantity: z.number().int().positive(),
        restockType: z.enum(['RETURN', 'CANCEL', 'LEGACY_RESTOCK', 'NO_RESTOCK']).default('RETURN'),
      }),
    )
    .default([]),
  /** Refund the shipping still unrefunded (`full`), or this much of it (on the order's tax basis). */
  shipping: z.object({full: z.boolean().optional(), amount: Decimal.optional()}).optional(),
  adjustments: z
    .array(
      z.object({
        amount: Decimal,
        tax: Decimal.default('0'),
        reason: z.string().default('REFUND_DISCREPANCY'),
      }),
    )
    .default([]),
  /** The money given back; omitted: the refund's value, to the last gateway that took money, up to what is left. */
  transactions: z
    .array(z.object({gateway: z.string(), amount: Decimal, rate: Decimal.optional()}))
    .optional(),
})
export type RefundInput = z.input<typeof RefundInput>

export const EditInput = z.object({
  add: z.array(LineInput).default([]),
  remove: z.array(z.object({lineItemId: z.string(), quantity: z.number().int().positive()})).default([]),
})
export type EditInput = z.input<typeof EditInput>

export interface Ctx {
  ids: IdSource
  now: () => number
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input)
  if (!r.success)
    throw new EmulatorInputError(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
  return r.data
}

/** Tax on an amount at a rate: added on top, or the part of a tax-inclusive amount that is tax. */
function taxOn(amount: Dec, rate: string | null | undefined, inclusive: boolean): Dec {
  if (!rate) return new D(0)
  const r = new D(rate)
  return roundAmount(inclusive ? amount.times(r).div(r.plus(1)) : amount.times(r))
}

function newLine(ctx: Ctx, input: LineInput, inclusive: boolean, taxExempt: boolean): EmuLine {
  const discounts: EmuDiscount[] = input.discount
    ? [
        {
          level: 'line',
          title: input.discount.title,
          amount: amountText(new D(input.discount.amount)),
          ...(input.discount.code ? {code: input.discount.code} : {}),
        },
      ]
    : []
  const rate = taxExempt || input.giftCard ? null : (input.taxRate ?? null)
  return {
    id: ctx.ids.id(),
    sku: input.sku ?? null,
    title: input.title,
    quantity: input.quantity,
    removed: 0,
    unitPrice: amountText(new D(input.price)),
    taxable: rate !== null,
    isGiftCard: input.giftCard ?? false,
    requiresShipping: input.requiresShipping ?? !input.giftCard,
    taxRate: rate,
    taxTitle: input.taxTitle ?? (rate ? `Tax ${new D(rate).times(100).toString()}%` : ''),
    tax: '0.00',
    discounts,
  }
}

function lineTaxBase(line: EmuLine): Dec {
  return new D(line.unitPrice).times(line.quantity).minus(sum(line.discounts.map((d) => new D(d.amount))))
}

/** Spreads a cart-level discount over the lines by their amount after line discounts (ACROSS). */
function allocateAcross(lines: EmuLine[], discount: {amount: string; title: string; code?: string}): void {
  const eligible = lines.filter((l) => !l.isGiftCard)
  const bases = eligible.map(lineTaxBase)
  const whole = sum(bases)
  const total = new D(discount.amount)
  let left = total
  eligible.forEach((line, i) => {
    const part = i === eligible.length - 1 ? left : roundAmount(total.times(bases[i]!).div(whole))
    left = left.minus(part)
    line.discounts.push({
      level: 'order',
      title: discount.title,
      amount: amountText(part),
      ...(discount.code ? {code: discount.code} : {}),
    })
  })
}

function settleTax(order: EmuOrder, line: EmuLine): void {
  line.tax = amountText(taxOn(lineTaxBase(line), line.taxRate, order.taxesIncluded))
}

export function createOrder(ctx: Ctx, shop: EmuShop, raw: unknown): EmuOrder {
  const input = parse(CreateOrderInput, raw)
  const now = iso(ctx.now())
  const processedAt = input.processedAt ?? now
  const number = shop.nextNumber++
  const order: EmuOrder = {
    id: ctx.ids.id(),
    name: input.name ?? `${shop.namePrefix}${number}`,
    number,
    createdAt: processedAt,
    processedAt,
    updatedAt: now,
    cancelledAt: null,
    test: input.test,
    currency: shop.currency,
    presentmentCurrency: input.presentmentCurrency ?? shop.currency,
    rate: input.rate ?? '1',
    taxesIncluded: input.taxesIncluded,
    taxExempt: input.taxExempt,
    edited: false,
    lines: input.lines.map((l) => newLine(ctx, l, input.taxesIncluded, input.taxExempt)),
    shipping: [],
    transactions: [],
    refunds: [],
  }
  if (order.presentmentCurrency === order.currency && order.rate !== '1')
    throw new EmulatorInputError(
      'rate applies only when the presentment currency differs from the shop currency',
    )
  if (input.orderDiscount) allocateAcross(order.lines, input.orderDiscount)
  for (const line of order.lines) settleTax(order, line)
  if (input.shipping) {
    const rate = input.taxExempt ? null : (input.shipping.taxRate ?? null)
    const price = new D(input.shipping.price)
    order.shipping.push({
      id: ctx.ids.id(),
      title: input.shipping.title,
      price: amountText(price),
      taxRate: rate,
      taxTitle: rate ? `Tax ${new D(rate).times(100).toString()}%` : '',
      tax: amountText(taxOn(price, rate, order.taxesIncluded)),
      removed: false,
    })
  }
  shop.orders.set(order.id, order)
  for (const t of input.transactions) addTransaction(ctx, order, t, processedAt)
  order.updatedAt = now
  return order
}

export function addTransaction(ctx: Ctx, order: EmuOrder, raw: unknown, at?: string): EmuTransaction {
  const input = parse(TxnInput, raw)
  if (input.parentId && !order.transactions.some((t) => t.id === input.parentId))
    throw new EmulatorInputError(`no transaction ${input.parentId} on order ${order.name}`)
  return pushTransaction(ctx, order, {...input, processedAt: input.processedAt ?? at})
}

function pushTransaction(
  ctx: Ctx,
  order: EmuOrder,
  t: Pick<EmuTransaction, 'kind' | 'status' | 'gateway' | 'amount'> & {
    parentId?: string | undefined
    rate?: string | undefined
    processedAt?: string | undefined
  },
): EmuTransaction {
  const now = iso(ctx.now())
  const txn: EmuTransaction = {
    id: ctx.ids.id(),
    kind: t.kind,
    status: t.status,
    gateway: t.gateway,
    amount: amountText(new D(t.amount)),
    createdAt: t.processedAt ?? now,
    processedAt: t.processedAt ?? now,
    parentId: t.parentId ?? null,
    rate: t.rate ?? order.rate,
    test: order.test,
  }
  order.transactions.push(txn)
  order.updatedAt = now
  return txn
}

function lineOf(order: EmuOrder, ref: {lineItemId?: string | undefined; sku?: string | undefined}): EmuLine {
  const line = order.lines.find((l) => (ref.lineItemId ? l.id === ref.lineItemId : l.sku === ref.sku))
  if (!line) throw new EmulatorInputError(`order ${order.name} has no line ${ref.lineItemId ?? ref.sku}`)
  return line
}

export function createRefund(ctx: Ctx, order: EmuOrder, raw: unknown): EmuRefund {
  const input = parse(RefundInput, raw)
  const now = iso(ctx.now())
  const refund: EmuRefund = {
    id: ctx.ids.id(),
    createdAt: now,
    note: input.note ?? null,
    lines: [],
    shipping: [],
    adjustments: [],
    transactionIds: [],
  }
  for (const l of input.lines) {
    const line = lineOf(order, l)
    if (l.quantity > currentQuantity(order, line))
      throw new EmulatorInputError(
        `cannot refund ${l.quantity} of ${line.title}: ${currentQuantity(order, line)} left`,
      )
    refund.lines.push({
      id: ctx.ids.id(),
      lineItemId: line.id,
      quantity: l.quantity,
      restockType: l.restockType,
      subtotal: amountText(lineNet(order, line, l.quantity).p),
      tax: amountText(lineTax(order, line, l.quantity).p),
    })
  }
  if (input.shipping) {
    for (const s of order.shipping.filter((x) => !x.removed)) {
      const done = sum(
        order.refunds.flatMap((r) =>
          r.shipping.filter((x) => x.shippingLineId === s.id).map((x) => new D(x.subtotal)),
        ),
      )
      const left = shippingPrice(order, s).p.minus(done)
      const amount = input.shipping.full ? left : D.min(left, new D(input.shipping.amount ?? '0'))
      if (amount.lte(0)) continue
      const tax = new D(s.price).isZero() ? new D(0) : roundAmount(new D(s.tax).times(amount).div(s.price))
      refund.shipping.push({
        id: ctx.ids.id(),
        shippingLineId: s.id,
        subtotal: amountText(amount),
        tax: amountText(tax),
      })
      break
    }
  }
  for (const a of input.adjustments)
    refund.adjustments.push({
      id: ctx.ids.id(),
      reason: a.reason,
      amount: amountText(new D(a.amount)),
      tax: amountText(new D(a.tax)),
    })
  const value = refundValue(order, refund).p
  const totals = orderTotals(order)
  const paidOut = input.transactions ?? autoRefundMoney(order, value, totals.netPayment.p)
  order.refunds.push(refund)
  for (const t of paidOut) {
    const txn = pushTransaction(ctx, order, {
      kind: 'REFUND',
      status: 'SUCCESS',
      gateway: t.gateway,
      amount: t.amount,
      rate: t.rate,
    })
    refund.transactionIds.push(txn.id)
  }
  order.updatedAt = now
  return refund
}

/** By default the money goes back to the gateway that took it last, up to what is left of the payments. */
function autoRefundMoney(
  order: EmuOrder,
  value: Dec,
  net: Dec,
): {gateway: string; amount: string; rate?: string}[] {
  const amount = D.min(value, net)
  if (amount.lte(0)) return []
  const paid = [...order.transactions]
    .reverse()
    .find((t) => t.status === 'SUCCESS' && (t.kind === 'SALE' || t.kind === 'CAPTURE'))
  return paid ? [{gateway: paid.gateway, amount: amountText(amount)}] : []
}

export function editOrder(ctx: Ctx, order: EmuOrder, raw: unknown): EmuOrder {
  const input = parse(EditInput, raw)
  for (const r of input.remove) {
    const line = lineOf(order, {lineItemId: r.lineItemId})
    if (r.quantity > currentQuantity(order, line))
      throw new EmulatorInputError(
        `cannot remove ${r.quantity} of ${line.title}: ${currentQuantity(order, line)} left`,
      )
    line.removed += r.quantity
  }
  for (const l of input.add) {
    const line = newLine(ctx, l, order.taxesIncluded, order.taxExempt)
    settleTax(order, line)
    order.lines.push(line)
  }
  order.edited = true
  order.updatedAt = iso(ctx.now())
  return order
}
