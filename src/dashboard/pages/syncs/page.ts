import {shipStationStatus} from '../../../load/shipstation/index.js'
import {listPoBatches} from '../../../po/index.js'
import {sendJson} from '../../http.js'
import type {DashboardPage} from '../../page.js'

/**
 * Where the unattended jobs stand, from the migration file alone (no ShipStation or QBO call): the
 * ShipStation tracking sync (stores, last runs, orders needing a person) and the purchase-order batches. The
 * same figures as `qbo sync shipstation status --json` and `qbo po status --json`.
 */
export function syncsPage(): DashboardPage {
  return {
    id: 'syncs',
    title: 'Syncs and batches',
    script: 'syncs.js',
    body: () => BODY,
    routes: [
      {
        method: 'GET',
        path: /^\/api\/syncs\/status$/,
        async handle(ctx) {
          sendJson(ctx.res, 200, {
            shipstation: shipStationStatus(ctx.deps.staging),
            purchaseOrders: listPoBatches(ctx.deps.staging),
          })
        },
      },
    ],
  }
}

const BODY = `
<section>
  <h1>ShipStation tracking → QBO invoices</h1>
  <p id="ss-summary"></p>
  <table id="ss-stores" class="history">
    <thead><tr><th>Store</th><th>Finds invoices by</th><th>Read up to</th><th class="num">Synced</th><th class="num">Waiting</th><th class="num">Need a person</th></tr></thead>
    <tbody></tbody>
  </table>
  <h2>Last runs</h2>
  <table id="ss-runs" class="history">
    <thead><tr><th>Run</th><th>Status</th><th>Started</th><th>Finished</th><th>Counts</th></tr></thead>
    <tbody></tbody>
  </table>
  <h2>Orders needing a look</h2>
  <table id="ss-attention" class="history">
    <thead><tr><th>Store</th><th>Order</th><th>State</th><th>Invoice</th><th>Why</th><th>Since</th></tr></thead>
    <tbody></tbody>
  </table>
</section>
<section>
  <h1>Purchase-order batches</h1>
  <table id="po-batches" class="history">
    <thead><tr><th>Batch</th><th>Status</th><th>Started</th><th class="num">Purchase orders</th><th class="num">Emailed</th><th class="num">Need attention</th></tr></thead>
    <tbody></tbody>
  </table>
</section>
<p id="message" class="message" role="alert" hidden></p>
`
