import type {DashboardPage} from '../../page.js'
import {Uploads} from '../../uploads.js'
import {pricesRoutes} from './routes.js'

/** Supplier price lists: drop a file, pick or make the supplier's profile, review the diff, apply. */
export function pricesPage(): DashboardPage {
  return {
    id: 'prices',
    title: 'Price lists',
    script: 'prices.js',
    routes: pricesRoutes(new Uploads()),
    body: () => BODY,
  }
}

const BODY = `
<section id="drop-section">
  <h1>Supplier price list → purchase costs</h1>
  <div id="drop" class="drop" tabindex="0">
    <p>Drop a supplier's price list here (.xlsx or .csv)</p>
    <p class="small">or <label class="link">choose a file<input id="file-input" type="file" accept=".xlsx,.csv,.txt,.tsv" hidden></label></p>
  </div>
  <p id="message" class="message" role="alert" hidden></p>
</section>

<section id="profile-section" hidden>
  <h2>How to read <span id="file-name"></span></h2>
  <div class="preview-wrap"><table id="preview" class="preview"></table></div>
  <form id="profile-form" class="grid">
    <label>Supplier (QBO vendor)<input id="supplier" list="vendors" required autocomplete="off"></label>
    <datalist id="vendors"></datalist>
    <label>Profile<select id="profile-select"><option value="">New profile</option></select></label>
    <label>Profile name<input id="profile-name" required></label>
    <label>Sheet<select id="sheet"></select></label>
    <label>Header row<input id="header-row" type="number" min="1" required></label>
    <label>Item code column<select id="code-column" required></select></label>
    <label>Cost column<select id="cost-column" required></select></label>
    <label>Description column<select id="description-column"><option value="">(none)</option></select></label>
    <label>Costs are<select id="gst"><option value="ex">ex GST</option><option value="inc">inc GST</option></select></label>
    <label>GST rate %<input id="gst-rate" value="10"></label>
    <label>Pack size column<select id="pack-column"><option value="">(none)</option></select></label>
    <label>Fixed pack size<input id="pack-size" placeholder="(none)"></label>
    <label>Price is per<select id="price-per"><option value="unit">unit</option><option value="pack">pack</option></select></label>
    <label>Placeholders<input id="placeholders" value="POA, TBA, TBC, CALL, P.O.A., N/A, NA, -"></label>
    <label>Decimals written<input id="decimals" type="number" min="2" max="5" value="4"></label>
    <label>Flag changes over %<input id="threshold" value="30"></label>
    <div class="actions"><button id="show-diff" type="submit">Save profile and show the diff</button></div>
  </form>
</section>

<section id="diff-section" hidden>
  <h2 id="diff-title"></h2>
  <p id="diff-summary"></p>
  <ul id="diff-warnings" class="warnings"></ul>
  <table id="diff" class="diff">
    <thead><tr><th>Apply</th><th>#</th><th>Item</th><th>SKU</th><th>Supplier code</th><th class="num">Old cost</th><th class="num">New cost</th><th class="num">Change</th><th>Warnings</th><th>Status</th></tr></thead>
    <tbody></tbody>
  </table>
  <div class="actions"><button id="apply" type="button">Apply</button> <span id="apply-note" class="small"></span></div>
  <div id="result" class="result" hidden></div>
  <div id="link-codes" hidden>
    <h3>Supplier codes ↔ items</h3>
    <p class="small">For codes in the file that are no item's SKU. A link is kept for this supplier's next lists.</p>
    <div id="link-rows"></div>
    <p><label class="link">Import codes from a CSV (Supplier code, SKU)<input id="codes-input" type="file" accept=".csv,.xlsx" hidden></label></p>
    <table id="codes" class="codes"><thead><tr><th>Supplier code</th><th>Item</th><th>Set by</th><th></th></tr></thead><tbody></tbody></table>
  </div>
</section>

<section id="history-section">
  <h2>Past price lists</h2>
  <table id="history" class="history">
    <thead><tr><th>#</th><th>When</th><th>Supplier</th><th>File</th><th class="num">Changes</th><th class="num">Written</th><th class="num">Conflicts</th><th class="num">To do</th></tr></thead>
    <tbody></tbody>
  </table>
  <p><a id="audit-link" href="#">Download the audit log (CSV)</a></p>
</section>
`
