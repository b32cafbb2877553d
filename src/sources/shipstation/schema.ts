import {z} from 'zod'

/**
 * V1 response shapes (integrations.md §1.2-1.4), checked where they enter. Only the fields the sync uses
 * are required to have a type; everything else passes through. Ids come as numbers in V1's documentation
 * and are kept as strings here, so an id is never rounded or compared as a number.
 */
const id = z.union([z.number(), z.string()]).transform(String)
const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)))

export const shipmentSchema = z
  .object({
    shipmentId: id,
    orderId: id.nullish(),
    orderKey: optionalText,
    orderNumber: optionalText,
    createDate: optionalText,
    shipDate: optionalText,
    trackingNumber: optionalText,
    carrierCode: optionalText,
    serviceCode: optionalText,
    isReturnLabel: z.boolean().nullish(),
    voided: z.boolean().nullish(),
    voidDate: optionalText,
  })
  .passthrough()

export type ShipmentJson = z.infer<typeof shipmentSchema>

/** GET /shipments: `{shipments, total, page, pages}`; loop `page` 1..`pages`. */
export const shipmentsPageSchema = z
  .object({
    shipments: z.array(shipmentSchema).nullish(),
    total: z.number().nullish(),
    page: z.number().nullish(),
    pages: z.number().nullish(),
  })
  .passthrough()

export const storeSchema = z
  .object({
    storeId: id,
    storeName: optionalText,
    marketplaceName: optionalText,
    active: z.boolean().nullish(),
  })
  .passthrough()

/** GET /stores: an array of stores. */
export const storesSchema = z.array(storeSchema)
