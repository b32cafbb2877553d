import {z} from 'zod'

import {D} from '../../domain/money.js'
import type {ItemSnapshot} from '../../mappers/price-list/index.js'
import {type QboClient, select} from '../../qbo/index.js'
import type {QboWritePort} from '../port.js'
import {clientWritePort} from '../qbo-port.js'

export interface Vendor {
  id: string
  name: string
}

/** What the price engine needs of QBO: the writer's port, and the items and vendors as they are now. */
export interface PricesQbo {
  readonly realmId: string
  readonly port: QboWritePort
  items(): Promise<ItemSnapshot[]>
  vendors(): Promise<Vendor[]>
}

const Ref = z.object({value: z.union([z.string(), z.number()]).transform(String)}).passthrough()
const Money = z.union([z.number(), z.string().regex(/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/)])

/** The Item fields the diff reads, checked where they enter (QBO answers numbers as JSON numbers). */
const QboItem = z
  .object({
    Id: z.union([z.string(), z.number()]).transform(String),
    SyncToken: z.union([z.string(), z.number()]).transform(String),
    Name: z.string(),
    FullyQualifiedName: z.string().optional(),
    Sku: z.string().nullish(),
    Type: z.string().default('NonInventory'),
    Active: z.boolean().optional(),
    PurchaseCost: Money.nullish(),
    PurchaseTaxIncluded: z.boolean().optional(),
    PrefVendorRef: Ref.nullish(),
  })
  .passthrough()

const QboVendor = z
  .object({Id: z.union([z.string(), z.number()]).transform(String), DisplayName: z.string()})
  .passthrough()

export function toSnapshot(raw: unknown): ItemSnapshot {
  const i = QboItem.parse(raw)
  return {
    id: i.Id,
    syncToken: i.SyncToken,
    name: i.FullyQualifiedName ?? i.Name,
    sku: i.Sku && i.Sku.trim() !== '' ? i.Sku : null,
    type: i.Type,
    active: i.Active !== false,
    purchaseCost:
      i.PurchaseCost === undefined || i.PurchaseCost === null ? null : new D(i.PurchaseCost).toFixed(),
    purchaseTaxIncluded: i.PurchaseTaxIncluded === true,
    prefVendorId: i.PrefVendorRef?.value ?? null,
  }
}

/** The price engine's view of QBO through the client: every item (inactive ones too), ordered by Id. */
export function clientPricesQbo(client: QboClient): PricesQbo {
  return {
    realmId: client.realmId,
    port: clientWritePort(client),
    async items() {
      const rows = await client.queryAll(select('Item').where('Active', 'IN', [true, false]).orderBy('Id'))
      return rows.map(toSnapshot)
    },
    async vendors() {
      const rows = await client.queryAll(select('Vendor').orderBy('DisplayName'))
      return rows.map((r) => QboVendor.parse(r)).map((v) => ({id: v.Id, name: v.DisplayName}))
    },
  }
}

/** The vendor QBO knows by this display name (ignoring case), if any. */
export function vendorNamed(vendors: readonly Vendor[], name: string): Vendor | undefined {
  const wanted = name.trim().toLowerCase()
  return vendors.find((v) => v.name.trim().toLowerCase() === wanted)
}
