import type {InvoiceShipping, ShipmentRecord} from '../domain/shipstation.js'
import {type Clock, isoNow, systemClock} from './clock.js'
import type {Db} from './database.js'

export type MatchBy = 'prefix' | 'customer' | 'marker'

/** How one ShipStation store's orders find their QBO invoices (docs/shipstation.md, "Matching"). */
export interface StoreMapping {
  storeId: string
  storeName: string | null
  matchBy: MatchBy
  /** The DocNumber prefix, the QBO customer id, or the PrivateNote marker template. */
  matchValue: string
  updatedAt: string
}

/**
 * pending: has labels not yet reflected on its invoice; synced: its invoice holds what its labels say;
 * unmatched: no invoice found yet (retried); parked: given up (reason says why; --retry-parked);
 * conflict: someone else changed a field the sync wrote; failed: QBO refused the write (retried).
 */
export type OrderState = 'pending' | 'synced' | 'unmatched' | 'parked' | 'conflict' | 'failed'

export interface OrderRow {
  storeId: string
  orderNumber: string
  state: OrderState
  realmId: string | null
  invoiceId: string | null
  docNumber: string | null
  /** What the invoice held after the sync last wrote it (or found it already right). */
  written: InvoiceShipping | null
  reason: string | null
  attempts: number
  firstSeenAt: string
  updatedAt: string
}

interface OrderDbRow extends Omit<OrderRow, 'written'> {
  writtenJson: string | null
}

const ORDER_COLUMNS = `store_id AS storeId, order_number AS orderNumber, state, realm_id AS realmId,
  invoice_id AS invoiceId, doc_number AS docNumber, written_json AS writtenJson, reason, attempts,
  first_seen_at AS firstSeenAt, updated_at AS updatedAt`

const SHIPMENT_COLUMNS = `store_id AS storeId, shipment_id AS shipmentId, order_id AS orderId,
  order_number_raw AS orderNumberRaw, order_number AS orderNumber, order_key AS orderKey,
  tracking_number AS trackingNumber, carrier_code AS carrierCode, service_code AS serviceCode,
  ship_date AS shipDate, create_date AS createDate, voided, void_date AS voidDate`

function toOrder(r: OrderDbRow): OrderRow {
  const {writtenJson, ...rest} = r
  return {...rest, written: writtenJson ? (JSON.parse(writtenJson) as InvoiceShipping) : null}
}

type ShipmentDbRow = Omit<ShipmentRecord, 'voided'> & {voided: number}

function toShipment(r: ShipmentDbRow): ShipmentRecord {
  return {...r, voided: r.voided === 1}
}

/** The ShipStation sync's state: store mappings, every label seen, and each order's progress. */
export class ShipStationRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  mappings(): StoreMapping[] {
    return this.db
      .prepare(
        `SELECT store_id AS storeId, store_name AS storeName, match_by AS matchBy, match_value AS matchValue,
                updated_at AS updatedAt FROM shipstation_stores ORDER BY store_id`,
      )
      .all() as StoreMapping[]
  }

  setMapping(m: Omit<StoreMapping, 'updatedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO shipstation_stores (store_id, store_name, match_by, match_value, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (store_id) DO UPDATE SET store_name = COALESCE(excluded.store_name, store_name),
           match_by = excluded.match_by, match_value = excluded.match_value, updated_at = excluded.updated_at`,
      )
      .run(m.storeId, m.storeName, m.matchBy, m.matchValue, isoNow(this.clock))
  }

  removeMapping(storeId: string): boolean {
    return this.db.prepare(`DELETE FROM shipstation_stores WHERE store_id = ?`).run(storeId).changes > 0
  }

  /** The stored labels of a store among `shipmentIds`. */
  shipments(storeId: string, shipmentIds: readonly string[]): Map<string, ShipmentRecord> {
    const stmt = this.db.prepare(
      `SELECT ${SHIPMENT_COLUMNS} FROM shipstation_shipments WHERE store_id = ? AND shipment_id = ?`,
    )
    const out = new Map<string, ShipmentRecord>()
    for (const id of shipmentIds) {
      const row = stmt.get(storeId, id) as ShipmentDbRow | undefined
      if (row) out.set(id, toShipment(row))
    }
    return out
  }

  orderShipments(storeId: string, orderNumber: string): ShipmentRecord[] {
    return (
      this.db
        .prepare(
          `SELECT ${SHIPMENT_COLUMNS} FROM shipstation_shipments WHERE store_id = ? AND order_number = ?
           ORDER BY shipment_id`,
        )
        .all(storeId, orderNumber) as ShipmentDbRow[]
    ).map(toShipment)
  }

  /** Records a label as last read; the first time it was seen is kept. */
  putShipment(s: ShipmentRecord): void {
    const now = isoNow(this.clock)
    this.db
      .prepare(
        `INSERT INTO shipstation_shipments (store_id, shipment_id, order_number, order_number_raw, order_id, order_key,
           tracking_number, carrier_code, service_code, ship_date, create_date, voided, void_date, first_seen_at, updated_at)
         VALUES (@storeId, @shipmentId, @orderNumber, @orderNumberRaw, @orderId, @orderKey, @trackingNumber, @carrierCode,
           @serviceCode, @shipDate, @createDate, @voided, @voidDate, @now, @now)
         ON CONFLICT (store_id, shipment_id) DO UPDATE SET order_number = excluded.order_number,
           order_number_raw = excluded.order_number_raw, order_id = excluded.order_id, order_key = excluded.order_key,
           tracking_number = excluded.tracking_number, carrier_code = excluded.carrier_code,
           service_code = excluded.service_code, ship_date = excluded.ship_date, create_date = excluded.create_date,
           voided = excluded.voided, void_date = excluded.void_date, updated_at = excluded.updated_at`,
      )
      .run({...s, voided: s.voided ? 1 : 0, now})
  }

  order(storeId: string, orderNumber: string): OrderRow | undefined {
    const row = this.db
      .prepare(`SELECT ${ORDER_COLUMNS} FROM shipstation_orders WHERE store_id = ? AND order_number = ?`)
      .get(storeId, orderNumber) as OrderDbRow | undefined
    return row && toOrder(row)
  }

  /**
   * An order has labels its invoice may not reflect yet: it becomes pending (first seen now if new). A
   * parked order stays parked: it needs a person (`--retry-parked` brings it back).
   */
  touchOrder(storeId: string, orderNumber: string): void {
    const now = isoNow(this.clock)
    this.db
      .prepare(
        `INSERT INTO shipstation_orders (store_id, order_number, state, first_seen_at, updated_at)
         VALUES (?, ?, 'pending', ?, ?)
         ON CONFLICT (store_id, order_number) DO UPDATE SET
           state = CASE WHEN state IN ('parked', 'unmatched') THEN state ELSE 'pending' END,
           updated_at = excluded.updated_at`,
      )
      .run(storeId, orderNumber, now, now)
  }

  /** Orders of these stores in these states, oldest first. */
  ordersIn(storeIds: readonly string[], states: readonly OrderState[]): OrderRow[] {
    if (storeIds.length === 0 || states.length === 0) return []
    const rows = this.db
      .prepare(
        `SELECT ${ORDER_COLUMNS} FROM shipstation_orders
         WHERE store_id IN (SELECT value FROM json_each(?)) AND state IN (SELECT value FROM json_each(?))
         ORDER BY first_seen_at, store_id, order_number`,
      )
      .all(JSON.stringify(storeIds), JSON.stringify(states)) as OrderDbRow[]
    return rows.map(toOrder)
  }

  /** The order that already writes to this invoice, if any. */
  orderOfInvoice(realmId: string, invoiceId: string): OrderRow | undefined {
    const row = this.db
      .prepare(
        `SELECT ${ORDER_COLUMNS} FROM shipstation_orders WHERE realm_id = ? AND invoice_id = ? LIMIT 1`,
      )
      .get(realmId, invoiceId) as OrderDbRow | undefined
    return row && toOrder(row)
  }

  updateOrder(
    storeId: string,
    orderNumber: string,
    patch: Partial<
      Pick<
        OrderRow,
        'state' | 'realmId' | 'invoiceId' | 'docNumber' | 'written' | 'reason' | 'attempts' | 'firstSeenAt'
      >
    >,
  ): void {
    const sets: string[] = []
    const values: unknown[] = []
    const column = {
      state: 'state',
      realmId: 'realm_id',
      invoiceId: 'invoice_id',
      docNumber: 'doc_number',
      written: 'written_json',
      reason: 'reason',
      attempts: 'attempts',
      firstSeenAt: 'first_seen_at',
    } as const
    for (const [k, col] of Object.entries(column)) {
      if (!(k in patch)) continue
      const v = patch[k as keyof typeof patch]
      sets.push(`${col} = ?`)
      values.push(k === 'written' ? (v ? JSON.stringify(v) : null) : (v ?? null))
    }
    if (sets.length === 0) return
    this.db
      .prepare(
        `UPDATE shipstation_orders SET ${sets.join(', ')}, updated_at = ? WHERE store_id = ? AND order_number = ?`,
      )
      .run(...values, isoNow(this.clock), storeId, orderNumber)
  }

  /** How many orders are in each state, per store. */
  stateCounts(): {storeId: string; state: OrderState; n: number}[] {
    return this.db
      .prepare(
        `SELECT store_id AS storeId, state, COUNT(*) AS n FROM shipstation_orders GROUP BY store_id, state
         ORDER BY store_id, state`,
      )
      .all() as {storeId: string; state: OrderState; n: number}[]
  }
}
