import {randomBytes} from 'node:crypto'

import {amountText} from '../../domain/money.js'
import {CostBucket} from './bucket.js'
import {type EmuOrder, type EmuShop, IdSource} from './model.js'
import {type Ctx, EmulatorInputError, addTransaction, createOrder, createRefund, editOrder} from './orders.js'
import type {SeedOrder, ShopSpec} from './seed.js'
import {orderTotals} from './totals.js'
import {type WebhookStats, type WebhookTopic, deliver} from './webhooks.js'

/** The default plan: Shopify's Standard plan restores 100 points a second; 2,000 is a bucket it reports. */
export const STANDARD_PLAN = {maximumAvailable: 2000, restoreRate: 100}

/**
 * Every shop the emulator serves, the operations a test or the control endpoints perform on their orders
 * (each sends the webhooks a real shop would), and each shop's cost bucket.
 */
export class Shops {
  readonly byDomain = new Map<string, EmuShop>()
  private readonly buckets = new Map<string, CostBucket>()
  readonly webhookStats: WebhookStats = {sent: 0, failed: 0}
  /** Deliveries still in flight, so a test can wait for them. */
  private readonly pending = new Set<Promise<void>>()
  repeatWebhooks = false
  private readonly ctx: Ctx

  constructor(
    private readonly now: () => number,
    private readonly timeScale: number,
  ) {
    this.ctx = {ids: new IdSource(), now}
  }

  add(spec: ShopSpec, token?: string): EmuShop {
    if (this.byDomain.has(spec.domain)) throw new EmulatorInputError(`shop ${spec.domain} exists`)
    const shop: EmuShop = {
      domain: spec.domain,
      name: spec.name,
      currency: spec.currency,
      timezone: spec.timezone,
      token: token ?? `shpat_emu_${randomBytes(12).toString('hex')}`,
      namePrefix: spec.namePrefix ?? '#',
      nextNumber: 1001,
      plan: spec.plan ?? STANDARD_PLAN,
      orders: new Map(),
    }
    this.byDomain.set(shop.domain, shop)
    this.buckets.set(shop.domain, new CostBucket(shop.plan, this.now, this.timeScale))
    for (const seed of spec.orders ?? []) this.seed(shop, seed)
    return shop
  }

  shop(domain: string): EmuShop {
    const shop = this.byDomain.get(domain)
    if (!shop) throw new EmulatorInputError(`no shop ${domain}`)
    return shop
  }

  bucket(domain: string): CostBucket {
    return this.buckets.get(domain)!
  }

  order(domain: string, id: string): EmuOrder {
    const order = this.shop(domain).orders.get(id)
    if (!order) throw new EmulatorInputError(`shop ${domain} has no order ${id}`)
    return order
  }

  createOrder(domain: string, input: unknown): EmuOrder {
    const shop = this.shop(domain)
    const order = createOrder(this.ctx, shop, input)
    this.notify(shop, order, 'orders/create')
    return order
  }

  addTransaction(domain: string, orderId: string, input: unknown): EmuOrder {
    const order = this.order(domain, orderId)
    addTransaction(this.ctx, order, input)
    this.notify(this.shop(domain), order, 'orders/updated')
    return order
  }

  refund(domain: string, orderId: string, input: unknown): EmuOrder {
    const order = this.order(domain, orderId)
    createRefund(this.ctx, order, input)
    this.notify(this.shop(domain), order, 'refunds/create')
    this.notify(this.shop(domain), order, 'orders/updated')
    return order
  }

  edit(domain: string, orderId: string, input: unknown): EmuOrder {
    const order = this.order(domain, orderId)
    editOrder(this.ctx, order, input)
    this.notify(this.shop(domain), order, 'orders/updated')
    return order
  }

  /** Resolves once every webhook sent so far has been answered (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending])
  }

  private notify(shop: EmuShop, order: EmuOrder, topic: WebhookTopic): void {
    if (!shop.webhook) return
    const p = deliver(shop, topic, order, this.webhookStats, {
      repeat: this.repeatWebhooks,
      now: this.now,
    }).finally(() => this.pending.delete(p))
    this.pending.add(p)
  }

  /** Plays a seed order: placed, then each later event; 'TOTAL' and 'REST' amounts resolved as it goes. */
  private seed(shop: EmuShop, seed: SeedOrder): void {
    const {transactions = [], ...order} = seed.order
    const created = createOrder(this.ctx, shop, {...order, transactions: []})
    const at = created.processedAt
    for (const t of transactions)
      addTransaction(this.ctx, created, {...t, amount: resolve(created, t.amount)}, at)
    for (const step of seed.then ?? []) {
      if ('transaction' in step) {
        const {parentOf, ...t} = step.transaction
        const parent = parentOf ? created.transactions.find((x) => x.kind === parentOf) : undefined
        addTransaction(this.ctx, created, {
          ...t,
          amount: resolve(created, t.amount),
          ...(parent ? {parentId: parent.id} : {}),
        })
      } else if ('refund' in step) createRefund(this.ctx, created, step.refund)
      else editOrder(this.ctx, created, step.edit)
    }
  }
}

function resolve(order: EmuOrder, amount: string): string {
  const t = orderTotals(order)
  if (amount === 'TOTAL') return amountText(t.currentTotal.p)
  if (amount === 'REST') return amountText(t.outstanding.p)
  return amount
}
