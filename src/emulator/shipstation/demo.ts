import {DEMO_XERO_COMPANY_DIR} from '../xero/demo.js'
import {loadXeroCompany} from '../xero/company.js'
import type {ShipStationState} from './state.js'

/** The two demo stores. Both number their orders from #1001, as every new Shopify store does. */
export const DEMO_STORES = [
  {storeId: 310001, storeName: 'Acme Online (Shopify)', marketplaceName: 'Shopify', active: true},
  {storeId: 310002, storeName: 'Acme Trade (Shopify)', marketplaceName: 'Shopify', active: true},
] as const

const CARRIERS: [carrier: string, service: string][] = [
  ['ups', 'ups_ground'],
  ['fedex', 'fedex_ground'],
  ['stamps_com', 'usps_priority_mail'],
  ['dhl_express', 'dhl_express_worldwide'],
]

const DAY = 86_400_000
const HOUR = 3_600_000

/**
 * Seeds the account from the bundled demo company's sales invoices (fixtures/demo, the company
 * `qbo migrate demo` loads). Invoices go to the two stores in turn, in date order; each store numbers its
 * orders from #1001, so the same order numbers exist in both stores. Each order's `orderKey` is its
 * invoice's number (INV-00001 …): a migrated invoice carries it in its PrivateNote marker, so a store can
 * be matched with `--by marker --value 'qbo-toolkit:myob:{orderKey}'`. Each order ships one to three days
 * after its invoice date (so a first sync needs `--since` the demo's first invoice date, 2023-07-01); every
 * 7th order ships in two parcels, every 11th label was voided and printed again, every 13th order is not
 * shipped yet.
 */
export function seedDemo(state: ShipStationState, dir = DEMO_XERO_COMPANY_DIR): void {
  for (const s of DEMO_STORES) state.addStore({...s})
  const invoices = (loadXeroCompany(dir).Invoices ?? [])
    .filter((i) => i.Type === 'ACCREC' && (i.Status === 'AUTHORISED' || i.Status === 'PAID'))
    .sort(
      (a, b) =>
        xeroDate(a.Date) - xeroDate(b.Date) || String(a.InvoiceNumber).localeCompare(String(b.InvoiceNumber)),
    )
  const next = DEMO_STORES.map(() => 1001)
  invoices.forEach((inv, i) => {
    const s = i % DEMO_STORES.length
    const contact = (inv.Contact ?? {}) as {Name?: string; EmailAddress?: string}
    const order = state.addOrder({
      storeId: DEMO_STORES[s]!.storeId,
      orderNumber: `#${next[s]!++}`,
      orderKey: String(inv.InvoiceNumber),
      customerName: contact.Name ?? 'Customer',
      customerEmail: contact.EmailAddress ?? null,
    })
    const n = i + 1
    if (n % 13 === 0) return
    // Around noon, ShipStation (Pacific) time, one to three days after the invoice date.
    const createdMs = xeroDate(inv.Date) + (1 + (i % 3)) * DAY + 20 * HOUR
    const [carrierCode, serviceCode] = CARRIERS[i % CARRIERS.length]!
    const first = state.createLabel({orderId: order.orderId, carrierCode, serviceCode, createdMs})
    if (n % 11 === 0) {
      state.voidLabel(first.shipmentId, createdMs + 1_800_000)
      state.createLabel({orderId: order.orderId, carrierCode, serviceCode, createdMs: createdMs + 1_900_000})
    }
    if (n % 7 === 0)
      state.createLabel({orderId: order.orderId, carrierCode, serviceCode, createdMs: createdMs + 60_000})
  })
}

/** Xero's "/Date(1688169600000+0000)/". */
function xeroDate(raw: unknown): number {
  const m = /\/Date\((-?\d+)/.exec(String(raw))
  return m ? Number(m[1]) : 0
}
