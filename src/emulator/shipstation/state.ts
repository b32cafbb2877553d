import {type Zone, parseFilterTime, v1Date, v1Time} from './clock.js'

export interface EmStore {
  storeId: number
  storeName: string
  marketplaceName: string
  active: boolean
}

export interface EmOrder {
  orderId: number
  storeId: number
  orderNumber: string
  orderKey: string
  customerName: string
  customerEmail: string | null
}

/** A label: V1 calls it a shipment. A void keeps it, marked voided; a reprint is a new label. */
export interface EmLabel {
  shipmentId: number
  orderId: number | null
  createdMs: number
  shipDate: string
  trackingNumber: string
  carrierCode: string
  serviceCode: string
  voidedMs: number | null
  isReturnLabel: boolean
}

export interface NewLabel {
  orderId: number
  carrierCode?: string
  serviceCode?: string
  /** Civil date; default the day it is created. */
  shipDate?: string
  trackingNumber?: string
  createdMs?: number
  isReturnLabel?: boolean
}

export class BadRequest extends Error {}

/** A small seeded generator: the same seed gives the same tracking numbers. */
function generator(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** Stores, orders and labels of one ShipStation account, with V1's list filters and paging. */
export class ShipStationState {
  readonly stores: EmStore[] = []
  readonly orders = new Map<number, EmOrder>()
  readonly labels = new Map<number, EmLabel>()
  private nextOrderId = 100_000_001
  private nextShipmentId = 200_000_001
  private readonly random: () => number

  constructor(
    private readonly now: () => number,
    readonly zone: Zone,
    seed: number,
  ) {
    this.random = generator(seed)
  }

  addStore(store: EmStore): EmStore {
    this.stores.push(store)
    return store
  }

  addOrder(
    o: Omit<EmOrder, 'orderId' | 'orderKey' | 'customerName' | 'customerEmail'> & Partial<EmOrder>,
  ): EmOrder {
    if (!this.stores.some((s) => s.storeId === o.storeId)) throw new BadRequest(`No store ${o.storeId}`)
    const orderId = o.orderId ?? this.nextOrderId++
    const order: EmOrder = {
      orderId,
      storeId: o.storeId,
      orderNumber: o.orderNumber,
      orderKey: o.orderKey ?? `key-${orderId}`,
      customerName: o.customerName ?? 'Customer',
      customerEmail: o.customerEmail ?? null,
    }
    this.orders.set(orderId, order)
    return order
  }

  findOrder(storeId: number, orderNumber: string): EmOrder | undefined {
    return [...this.orders.values()].find((o) => o.storeId === storeId && o.orderNumber === orderNumber)
  }

  createLabel(l: NewLabel): EmLabel {
    if (!this.orders.has(l.orderId)) throw new BadRequest(`No order ${l.orderId}`)
    const carrierCode = l.carrierCode ?? 'ups'
    const createdMs = l.createdMs ?? this.now()
    const label: EmLabel = {
      shipmentId: this.nextShipmentId++,
      orderId: l.orderId,
      createdMs,
      shipDate: l.shipDate ?? v1Date(createdMs, this.zone),
      trackingNumber: l.trackingNumber ?? this.trackingNumber(carrierCode),
      carrierCode,
      serviceCode: l.serviceCode ?? defaultService(carrierCode),
      voidedMs: null,
      isReturnLabel: l.isReturnLabel ?? false,
    }
    this.labels.set(label.shipmentId, label)
    return label
  }

  voidLabel(shipmentId: number, atMs = this.now()): boolean {
    const label = this.labels.get(shipmentId)
    if (!label || label.voidedMs !== null) return false
    label.voidedMs = atMs
    return true
  }

  /** GET /shipments: V1's filters (integrations.md §1.2), sorted, one page of `pageSize` (≤ 500). */
  listShipments(q: URLSearchParams): {
    shipments: Record<string, unknown>[]
    total: number
    page: number
    pages: number
  } {
    const int = (name: string, fallback: number, max: number) => {
      const raw = q.get(name)
      if (raw === null || raw === '') return fallback
      const n = Number(raw)
      if (!Number.isInteger(n) || n < 1) throw new BadRequest(`${name} must be a positive whole number`)
      return Math.min(n, max)
    }
    const time = (name: string) => {
      const raw = q.get(name)
      if (raw === null || raw === '') return undefined
      const ms = parseFilterTime(raw, this.zone)
      if (ms === undefined) throw new BadRequest(`${name} is not a date: ${raw}`)
      return ms
    }
    const page = int('page', 1, 1_000_000)
    const pageSize = int('pageSize', 100, 500)
    const storeId = q.get('storeId')
    const orderNumber = q.get('orderNumber')
    const tracking = q.get('trackingNumber')
    const [cs, ce, vs, ve] = ['createDateStart', 'createDateEnd', 'voidDateStart', 'voidDateEnd'].map(time)
    const [ss, se] = ['shipDateStart', 'shipDateEnd'].map((n) => q.get(n)?.slice(0, 10) || undefined)
    const rows = [...this.labels.values()].filter((l) => {
      const order = l.orderId === null ? undefined : this.orders.get(l.orderId)
      if (storeId && String(order?.storeId) !== storeId) return false
      if (orderNumber && order?.orderNumber !== orderNumber) return false
      if (tracking && l.trackingNumber !== tracking) return false
      if (cs !== undefined && l.createdMs < cs) return false
      if (ce !== undefined && l.createdMs > ce) return false
      if ((vs !== undefined || ve !== undefined) && l.voidedMs === null) return false
      if (vs !== undefined && l.voidedMs! < vs) return false
      if (ve !== undefined && l.voidedMs! > ve) return false
      if (ss && l.shipDate < ss) return false
      if (se && l.shipDate > se) return false
      return true
    })
    const byShipDate = q.get('sortBy')?.toLowerCase() === 'shipdate'
    const desc = q.get('sortDir')?.toUpperCase() === 'DESC'
    rows.sort((a, b) => {
      const r = byShipDate ? a.shipDate.localeCompare(b.shipDate) : a.createdMs - b.createdMs
      return (desc ? -r : r) || a.shipmentId - b.shipmentId
    })
    const pages = Math.ceil(rows.length / pageSize)
    const shipments = rows.slice((page - 1) * pageSize, page * pageSize).map((l) => this.json(l))
    return {shipments, total: rows.length, page, pages}
  }

  /** A label as V1's shipment JSON (integrations.md §1.3). */
  json(l: EmLabel): Record<string, unknown> {
    const order = l.orderId === null ? undefined : this.orders.get(l.orderId)
    return {
      shipmentId: l.shipmentId,
      orderId: l.orderId,
      orderKey: order?.orderKey ?? null,
      userId: '4b8b4ac5-b2f8-4d4b-9a6c-1e7e5c8d7f01',
      customerEmail: order?.customerEmail ?? null,
      orderNumber: order?.orderNumber ?? null,
      createDate: v1Time(l.createdMs, this.zone),
      shipDate: l.shipDate,
      shipmentCost: 9.45,
      insuranceCost: 0,
      trackingNumber: l.trackingNumber,
      isReturnLabel: l.isReturnLabel,
      batchNumber: null,
      carrierCode: l.carrierCode,
      serviceCode: l.serviceCode,
      packageCode: 'package',
      confirmation: 'none',
      warehouseId: 1,
      voided: l.voidedMs !== null,
      voidDate: l.voidedMs === null ? null : v1Time(l.voidedMs, this.zone),
      marketplaceNotified: true,
      notifyErrorMessage: null,
      shipTo: {name: order?.customerName ?? null, company: null, country: 'AU'},
      weight: {value: 32, units: 'ounces', WeightUnits: 1},
      dimensions: null,
      insuranceOptions: {provider: null, insureShipment: false, insuredValue: 0},
      // Whether V1 fills advancedOptions.storeId on shipments is UNCONFIRMED: left empty here on purpose,
      // so a client has to filter by store (integrations.md §1.3).
      advancedOptions: {billToParty: null, billToAccount: null, storeId: null},
      shipmentItems: null,
      labelData: null,
      formData: null,
    }
  }

  private trackingNumber(carrier: string): string {
    const digits = (n: number) => Array.from({length: n}, () => Math.floor(this.random() * 10)).join('')
    const alnum = (n: number) =>
      Array.from({length: n}, () => '0123456789ABCDEFGHJKLMNPRSTVWXYZ'[Math.floor(this.random() * 32)]).join(
        '',
      )
    if (carrier === 'ups') return `1Z${alnum(6)}03${digits(8)}`
    if (carrier === 'fedex') return digits(12)
    if (carrier === 'dhl_express') return digits(10)
    return `9400${digits(18)}`
  }
}

function defaultService(carrier: string): string {
  return (
    {ups: 'ups_ground', fedex: 'fedex_ground', dhl_express: 'dhl_express_worldwide'}[carrier] ??
    'usps_priority_mail'
  )
}
