import {normalizeOrderNumber, type ShipmentRecord} from '../../domain/shipstation.js'
import type {ShipStationClient} from './client.js'
import {civilShipDate, pacificFilterTime} from './dates.js'
import {type ShipmentJson, shipmentsPageSchema, storesSchema} from './schema.js'

/** V1 allows up to 500 shipments a page (integrations.md §1.2): fewer requests under 40 a minute. */
export const PAGE_SIZE = 500

export interface StoreInfo {
  storeId: string
  name: string | null
  marketplace: string | null
  active: boolean
}

/** GET /stores (inactive ones too, so a store switched off in ShipStation is still named). */
export async function listStores(client: ShipStationClient): Promise<StoreInfo[]> {
  const stores = await client.get('/stores', {showInactive: true}, storesSchema)
  return stores.map((s) => ({
    storeId: s.storeId,
    name: s.storeName,
    marketplace: s.marketplaceName,
    active: s.active !== false,
  }))
}

export interface Ignored {
  /** Return labels carry the customer's tracking back to you, not the parcel sent. */
  returnLabels: number
  /** Labels made without an order (Quick ship, the createlabel API): no invoice to match. */
  noOrderNumber: number
  noTrackingNumber: number
}

export interface StoreShipments {
  storeId: string
  shipments: ShipmentRecord[]
  ignored: Ignored
  requests: number
}

/**
 * Every label of one store created, or voided, since `fromMs`. V1 returns only labels made in ShipStation
 * ("orders marked as shipped ... will not appear", integrations.md §1.2). Two filters, because a void
 * changes an old label: labels created since, and labels voided since. Pages are read 1..`pages` (asked
 * again on each page, since labels keep arriving), oldest first so that a new label lands on the last page.
 * A label read twice keeps the later answer, the newer view of it.
 */
export async function readStoreShipments(
  client: ShipStationClient,
  storeId: string,
  fromMs: number,
  pageSize = PAGE_SIZE,
): Promise<StoreShipments> {
  const from = pacificFilterTime(fromMs)
  const byId = new Map<string, ShipmentJson>()
  let requests = 0
  for (const filter of ['createDateStart', 'voidDateStart'] as const) {
    for (let page = 1; ; page++) {
      const body = await client.get(
        '/shipments',
        {
          storeId,
          [filter]: from,
          sortBy: 'CreateDate',
          sortDir: 'ASC',
          includeShipmentItems: false,
          page,
          pageSize,
        },
        shipmentsPageSchema,
      )
      requests++
      for (const s of body.shipments ?? []) byId.set(s.shipmentId, s)
      if (page >= (body.pages ?? 0)) break
    }
  }
  const ignored: Ignored = {returnLabels: 0, noOrderNumber: 0, noTrackingNumber: 0}
  const shipments: ShipmentRecord[] = []
  for (const s of byId.values()) {
    if (s.isReturnLabel === true) ignored.returnLabels++
    else if (!s.orderNumber || !normalizeOrderNumber(s.orderNumber)) ignored.noOrderNumber++
    else if (!s.trackingNumber?.trim()) ignored.noTrackingNumber++
    else shipments.push(toRecord(storeId, s))
  }
  return {storeId, shipments, ignored, requests}
}

function toRecord(storeId: string, s: ShipmentJson): ShipmentRecord {
  const raw = s.orderNumber ?? ''
  return {
    storeId,
    shipmentId: s.shipmentId,
    orderId: s.orderId ?? null,
    orderNumberRaw: raw,
    orderNumber: normalizeOrderNumber(raw),
    orderKey: s.orderKey,
    trackingNumber: (s.trackingNumber ?? '').trim(),
    carrierCode: s.carrierCode,
    serviceCode: s.serviceCode,
    shipDate: civilShipDate(s.shipDate),
    createDate: s.createDate,
    voided: s.voided === true,
    voidDate: s.voidDate,
  }
}
