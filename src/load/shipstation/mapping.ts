import {UsageError} from '../../domain/errors.js'
import {DOC_NUMBER_MAX, templateIsUsable} from '../../mappers/shipstation/index.js'
import {inTransaction, type Staging} from '../../staging/index.js'
import type {MatchBy, StoreMapping} from '../../staging/shipstation.js'

/**
 * Sets how one ShipStation store's orders find their QBO invoices. Refuses a mapping that would let two
 * stores claim the same invoice (same DocNumber prefix, or the same customer), the multi-store collision
 * this sync exists to avoid, and a marker template that names nothing order-specific. Orders of the store
 * waiting for an invoice (unmatched, parked) are tried again with the new rule.
 */
export function setStoreMapping(
  staging: Staging,
  input: {storeId: string; storeName?: string | null; matchBy: MatchBy; matchValue: string},
): StoreMapping {
  const value = input.matchValue.trim()
  const clash = (what: string) =>
    new UsageError(
      `Store ${input.storeId} would share ${what} with store ${other?.storeId}: their equal order numbers would land on the same invoices.`,
      {
        next: 'Give each store its own DocNumber prefix (e.g. S1- and S2-), its own customer, or a marker.',
      },
    )
  const others = staging.shipstation.mappings().filter((m) => m.storeId !== input.storeId)
  let other: StoreMapping | undefined
  if (input.matchBy === 'prefix') {
    if (value.length >= DOC_NUMBER_MAX)
      throw new UsageError(
        `The prefix "${value}" leaves no room for an order number in QBO's 21-character DocNumber.`,
        {next: 'Use a short prefix, e.g. S1-.'},
      )
    other = others.find((m) => m.matchBy === 'prefix' && m.matchValue.toLowerCase() === value.toLowerCase())
    if (other) throw clash(`the DocNumber prefix "${value}"`)
  } else if (input.matchBy === 'customer') {
    if (!/^\d+$/.test(value))
      throw new UsageError(`"${value}" is not a QBO customer id.`, {
        next: 'Give the customer Id (a number), e.g. from `qbo query "SELECT * FROM Customer WHERE DisplayName = \'…\'"`.',
      })
    other = others.find((m) => m.matchBy === 'customer' && m.matchValue === value)
    if (other) throw clash(`customer ${value}`)
  } else if (!templateIsUsable(value)) {
    throw new UsageError(`The marker "${value}" names neither {order}, {orderKey} nor {orderId}.`, {
      next: "Give the PrivateNote line the invoices carry, with a placeholder, e.g. --value 'Shopify order {order}'.",
    })
  }
  const now = new Date().toISOString()
  inTransaction(staging.db, () => {
    staging.shipstation.setMapping({
      storeId: input.storeId,
      storeName: input.storeName ?? null,
      matchBy: input.matchBy,
      matchValue: value,
    })
    for (const o of staging.shipstation.ordersIn([input.storeId], ['unmatched', 'parked'])) {
      staging.shipstation.updateOrder(o.storeId, o.orderNumber, {
        state: 'pending',
        invoiceId: null,
        reason: null,
        attempts: 0,
        // A new rule gets a new retry period.
        firstSeenAt: now,
      })
    }
  })
  return staging.shipstation.mappings().find((m) => m.storeId === input.storeId)!
}
