/**
 * One ShipStation V1 label (a "shipment" in V1's words), as the tracking sync keeps it. Sources produce it
 * (src/sources/shipstation/), the mappers turn a store's labels for one order into invoice fields.
 * Identified by (storeId, shipmentId): a reprint after a void is a new shipmentId (integrations.md §1.3).
 */
export interface ShipmentRecord {
  /** The store the list call was filtered by: V1 does not promise a storeId on the shipment itself. */
  storeId: string
  shipmentId: string
  orderId: string | null
  /** Exactly as ShipStation gave it, e.g. "#1001". */
  orderNumberRaw: string
  /** normalizeOrderNumber(orderNumberRaw): what matching uses. */
  orderNumber: string
  orderKey: string | null
  trackingNumber: string
  carrierCode: string | null
  serviceCode: string | null
  /** Civil date (YYYY-MM-DD) or null when ShipStation gave none. */
  shipDate: string | null
  /** As ShipStation wrote it (a local time without zone); used only to order labels. */
  createDate: string | null
  voided: boolean
  voidDate: string | null
}

/**
 * Order numbers compared across systems: Shopify writes "#1001", other channels "1001" or "# 1001", and
 * how ShipStation passes them on is UNCONFIRMED (integrations.md §1.7). Whitespace anywhere and leading
 * '#' are dropped; case and every other character are kept.
 */
export function normalizeOrderNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').replace(/^#+/, '')
}

/**
 * The invoice fields the sync owns, as plain values: TrackingNum, ShipDate (civil) and the ship method
 * (ShipMethodRef's value, which QBO treats as free text). A field that is absent is not the sync's to set.
 */
export interface InvoiceShipping {
  TrackingNum?: string
  ShipDate?: string
  ShipMethod?: string
}

export const SHIPPING_FIELDS = ['TrackingNum', 'ShipDate', 'ShipMethod'] as const
export type ShippingField = (typeof SHIPPING_FIELDS)[number]
