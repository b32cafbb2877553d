import type {ShopifyOrder} from '../../domain/shopify-order.js'
import {inBatches} from '../../domain/qbo-limits.js'
import {type ShopifySettings, channelOf, paymentMethodName} from '../../mappers/shopify/settings.js'
import {sendWrites} from '../outbox/send.js'
import type {Write} from '../outbox/write.js'
import type {WriterDeps} from '../outbox/writer.js'
import {customerName, itemNameForSku} from './refs.js'
import {type ShopifyTarget, addCustomer, addItem, findByName} from './target.js'
import {listWrite} from './writes.js'

type Role = 'noSku' | 'shipping' | 'giftCard' | 'adjustment' | 'other'

/** The list records pending orders name: each is created in QBO if it is not there yet. */
export class ListNeeds {
  readonly customers = new Map<string, string>()
  readonly skus = new Set<string>()
  readonly roles = new Set<Role>()
  readonly gateways = new Set<string>()

  add(order: ShopifyOrder, label: string, multiCurrency: boolean): void {
    const currency = multiCurrency ? order.presentmentCurrency : order.currency
    this.customers.set(customerName(label, currency), currency)
    for (const l of order.lineItems) {
      if (l.isGiftCard) this.roles.add('giftCard')
      else if (l.sku) this.skus.add(l.sku)
      else this.roles.add('noSku')
    }
    if (order.shippingLines.length > 0 || order.refunds.some((r) => r.shipping.length > 0))
      this.roles.add('shipping')
    if (order.refunds.length > 0) this.roles.add('adjustment')
    for (const m of [order.totals.duties, order.totals.additionalFees, order.totals.tips])
      if (m.shop !== '0.00' || m.presentment !== '0.00') this.roles.add('other')
    for (const t of order.transactions) if (t.gateway) this.gateways.add(t.gateway)
  }
}

export interface EnsureResult {
  /** What was created (or, in a dry run, would be), as "Entity name". */
  created: string[]
  /** Records QBO refused, with its reason: the orders that need them are held back. */
  refused: string[]
}

/**
 * Creates the list records the orders name that QBO lacks, through the exactly-once writer (found by name if
 * an answer is lost): the gift card liability account first (the gift card item books to it), then payment
 * methods, items and the store's customer per currency. The target learns each new record's id.
 */
export async function ensureLists(
  deps: WriterDeps,
  target: ShopifyTarget,
  settings: ShopifySettings,
  needs: ListNeeds,
  dryRun: boolean,
): Promise<EnsureResult> {
  const result: EnsureResult = {created: [], refused: []}
  const realm = deps.port.realmId
  const first: Write[] = []
  const giftCardsNeeded =
    needs.roles.has('giftCard') || [...needs.gateways].some((g) => channelOf(settings, g) === 'gift-card')
  if (giftCardsNeeded && !findByName(target.accounts, settings.accounts.giftCards))
    first.push(
      listWrite(realm, 'Account', {
        Name: settings.accounts.giftCards,
        AccountType: 'Other Current Liability',
        AccountSubType: 'OtherCurrentLiabilities',
        Description: 'Gift cards sold and not yet redeemed (Shopify)',
      }),
    )
  await run(first)
  const income = findByName(target.accounts, settings.accounts.income)?.id
  const giftCards = findByName(target.accounts, settings.accounts.giftCards)?.id
  const second: Write[] = []
  for (const g of needs.gateways) {
    const name = paymentMethodName(settings, g)
    if (!findByName(target.paymentMethods, name) && !second.some((w) => w.payload.Name === name))
      second.push(listWrite(realm, 'PaymentMethod', {Name: name}))
  }
  const item = (name: string, incomeAccount: string | undefined, sku?: string) => {
    if (findByName(target.items, name) || (sku && target.itemsBySku.has(sku))) return
    if (!incomeAccount) {
      result.refused.push(
        `Item ${name}: QBO has no account "${settings.accounts.income}" (settings: accounts.income)`,
      )
      return
    }
    second.push(
      listWrite(realm, 'Item', {
        Name: name,
        ...(sku ? {Sku: sku} : {}),
        Type: 'NonInventory',
        IncomeAccountRef: {value: incomeAccount},
      }),
    )
  }
  for (const role of needs.roles) item(settings.items[role], role === 'giftCard' ? giftCards : income)
  if (settings.items.createMissing) for (const sku of needs.skus) item(itemNameForSku(sku), income, sku)
  for (const [name, currency] of needs.customers) {
    if (findByName(target.customers, name)) continue
    second.push(
      listWrite(realm, 'Customer', {
        DisplayName: name,
        ...(target.multiCurrency ? {CurrencyRef: {value: currency}} : {}),
      }),
    )
  }
  await run(second)
  return result

  async function run(writes: Write[]): Promise<void> {
    for (const chunk of inBatches(writes)) {
      const label = (w: Write) => `${w.entity} ${String(w.payload.DisplayName ?? w.payload.Name)}`
      if (dryRun) {
        // Nothing is written; the orders are planned as if the records existed.
        result.created.push(...chunk.map(label))
        for (const w of chunk) learn(target, w, '(new)')
        continue
      }
      const outcomes = await sendWrites(deps, chunk)
      for (const w of chunk) {
        const o = outcomes.get(w.requestId)
        if (!o?.ok) {
          result.refused.push(`${label(w)}: ${o ? `${o.fault.code} ${o.fault.message}` : 'no answer'}`)
          continue
        }
        result.created.push(label(w))
        learn(target, w, o.id)
      }
    }
  }
}

function learn(target: ShopifyTarget, w: Write, id: string): void {
  const p = w.payload
  if (w.entity === 'Account')
    target.accounts.set(String(p.Name).toLowerCase(), {
      id,
      type: String(p.AccountType),
      subType: String(p.AccountSubType),
    })
  else if (w.entity === 'PaymentMethod') target.paymentMethods.set(String(p.Name).toLowerCase(), id)
  else if (w.entity === 'Item') addItem(target, {...p, Id: id})
  else if (w.entity === 'Customer') addCustomer(target, {...p, Id: id})
}
