// Acceptance (issue 20), in a real headless Chromium (Debian's, driven by playwright-core): drop the demo
// price list on the dashboard, choose the supplier's profile, see the diff, untick one row, apply, and check
// the emulator's items changed exactly as the page showed and no others. Then the same file through
// `qbo prices diff --json` and `qbo prices apply` on a second, identical company: the same diff and the
// same writes as the page (one engine behind both).
import assert from 'node:assert/strict'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {chromium, type Page} from 'playwright-core'

import {DEMO_PRICE_LIST, DEMO_PROFILE_JSON, DEMO_SUPPLIER} from '../../fixtures/generator/price-list.js'
import {type Dashboard, startDashboard} from '../../src/dashboard/server.js'
import {
  type ApplyResult,
  createPriceDiff,
  type DiffView,
  importCodes,
  saveProfile,
} from '../../src/load/prices/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {runCli} from '../helpers/cli.js'
import {
  DEMO_LIST_FILE,
  EXPECTED_DEMO_DIFF,
  PRICES_DIR,
  pricesWorld,
  type PricesWorld,
} from '../prices/world.js'

const CHROMIUM = '/usr/bin/chromium'
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`
const CODES = join(PRICES_DIR, 'brown-electrical-codes.csv')

function dashboardFor(w: PricesWorld): Promise<Dashboard> {
  return startDashboard({
    port: 0,
    deps: {
      staging: w.staging,
      dbPath: w.db,
      logger: silentLogger,
      actor: 'tester (dashboard)',
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      qbo: () => w.qbo,
      uploadLimit: 5 * 1024 * 1024,
    },
  })
}

/** Drops a file on the drop zone as a browser does: a drop event carrying it in a DataTransfer. */
async function dropFile(page: Page, selector: string, file: string, name: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([b64, fileName]) => {
      const bin = atob(b64!)
      const bytes = new Uint8Array(bin.length)
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
      const DT = (globalThis as unknown as {DataTransfer: new () => {items: {add(f: File): void}}})
        .DataTransfer
      const dt = new DT()
      dt.items.add(new File([bytes], fileName!))
      return dt
    },
    [readFileSync(file).toString('base64'), name],
  )
  await page.dispatchEvent(selector, 'drop', {dataTransfer})
}

/** The diff table as the page shows it. */
async function shownDiff(page: Page) {
  return page.$$eval('#diff tbody tr', (rows) =>
    rows.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())
      return {
        line: Number(tr.getAttribute('data-line')),
        status: tr.getAttribute('data-status'),
        item: cells[2],
        sku: cells[3],
        code: cells[4],
        oldCost: cells[5],
        newCost: cells[6],
        warnings: cells[8],
      }
    }),
  )
}

test(
  'dashboard: drop the demo list, choose the profile, untick a row, apply: QBO changes exactly as shown',
  {skip, timeout: 180_000},
  async (t) => {
    const w = await pricesWorld(t)
    // Last month's profile for this supplier, as the dashboard or `qbo prices profiles` saved it.
    saveProfile(w.staging, DEMO_PROFILE_JSON)
    const dashboard = await dashboardFor(w)
    t.after(() => dashboard.close())
    const before = await w.items()

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    })
    t.after(() => browser.close())
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`))
    page.on('request', (r) => {
      if (!r.url().startsWith(dashboard.origin) && !r.url().startsWith('data:'))
        errors.push(`outside request: ${r.url()}`)
    })
    await page.goto(dashboard.url)
    await page.waitForURL(/\/prices\?token=/)

    // A bad file first: a clear message on the page.
    await dropFile(page, '#drop', join(PRICES_DIR, 'brown-electrical.profile.json'), 'notes.json')
    await page.waitForSelector('#message:not([hidden])')
    assert.match(
      (await page.textContent('#message')) ?? '',
      /notes\.json is not a price list the dashboard reads/,
    )

    // Drop the sample file; the preview shows the header found on row 3.
    await dropFile(page, '#drop', DEMO_LIST_FILE, DEMO_PRICE_LIST)
    await page.waitForSelector('#profile-section:not([hidden])')
    assert.equal(await page.inputValue('#header-row'), '3')
    assert.equal(await page.textContent('#preview tr.header td:nth-child(2)'), 'Code')

    // Choose the supplier: its profile is picked and fills the form.
    await page.fill('#supplier', DEMO_SUPPLIER)
    await page.dispatchEvent('#supplier', 'change')
    assert.equal(await page.inputValue('#profile-select'), 'Brown Electrical')
    assert.equal(await page.inputValue('#cost-column'), 'Price Ex GST')
    assert.equal(await page.inputValue('#pack-column'), 'Pack')
    assert.equal(await page.inputValue('#price-per'), 'pack')

    // The wrong cost column for an ex-GST profile is flagged before anything is written.
    await page.selectOption('#cost-column', 'Price Inc GST')
    await page.click('#show-diff')
    await page.waitForSelector('#diff-warnings li[data-code="INC_GST_ON_EX_PROFILE"]')
    assert.match((await page.textContent('#diff-warnings')) ?? '', /“Price Inc GST” says it includes GST/)
    await page.selectOption('#cost-column', 'Price Ex GST')
    await page.click('#show-diff')
    await page.waitForSelector('#diff-warnings li', {state: 'detached'})

    // The supplier's own code is not a SKU: import the code table on the page; the diff is made again.
    assert.equal(await page.getAttribute('tr[data-line="11"]', 'data-status'), 'not_in_qbo')
    await page.setInputFiles('#codes-input', CODES)
    await page.waitForSelector('#message.ok')
    assert.match((await page.textContent('#message')) ?? '', /Linked 2 codes/)
    await page.waitForSelector('#codes tbody tr[data-code="BE-5530"]')

    const shown = await shownDiff(page)
    assert.deepEqual(
      shown.map((r) => [
        r.line,
        r.code || null,
        r.item || null,
        r.status,
        r.oldCost || null,
        r.newCost || null,
      ]),
      EXPECTED_DEMO_DIFF.map(([line, code, item, status, oldCost, newCost]) => [
        line,
        code,
        item ?? (status === 'not_in_qbo' ? 'Surge Protector 6-Outlet' : null),
        status,
        oldCost,
        newCost,
      ]),
    )
    assert.match(shown[10]!.warnings!, /about the pack size \(12\)/)
    assert.match(shown[6]!.warnings!, /changes by 36% \(more than 30%\)/)

    // Untick the suspicious line and apply the rest.
    assert.equal(await page.textContent('#apply'), 'Apply 7 changes')
    await page.uncheck('tr[data-line="11"] input.pick')
    assert.equal(await page.textContent('#apply'), 'Apply 6 changes')
    await page.click('#apply')
    await page.waitForSelector('#result:not([hidden])')
    assert.equal(await page.textContent('#result-summary'), '6 costs written to QBO.')
    const applied = await shownDiff(page)
    const written = applied.filter((r) => r.status === 'change' && r.line !== 11)
    assert.deepEqual(
      await page.$$eval('#diff tbody tr.state-written', (rows) =>
        rows.map((r) => Number(r.getAttribute('data-line'))),
      ),
      written.map((r) => r.line),
    )

    // QBO holds exactly what the page showed, for those six items only, each written once.
    const after = await w.items()
    const changed = [...after].filter(([sku, r]) => r.SyncToken !== before.get(sku)?.SyncToken)
    assert.deepEqual(changed.map(([sku]) => sku).sort(), written.map((r) => r.sku).sort())
    for (const r of written) {
      const now = after.get(r.sku!)!
      assert.equal(now.PurchaseCost, Number(r.newCost), `${r.sku} holds the cost shown`)
      assert.equal(now.SyncToken, String(Number(before.get(r.sku!)?.SyncToken) + 1))
    }
    for (const [sku, r] of after)
      if (!written.some((x) => x.sku === sku))
        assert.equal(r.PurchaseCost, before.get(sku)?.PurchaseCost, sku)

    // The history lists it; the audit log downloads with the six writes.
    await page.waitForSelector('#history tbody tr')
    const href = (await page.getAttribute('#audit-link', 'href')) ?? ''
    const audit = await page.evaluate(async (h) => (await fetch(h)).text(), href)
    assert.equal(audit.trim().split(/\r?\n/).length, 7)
    assert.deepEqual(errors, [])

    // The same through the commands, on a second identical company: the same diff, the same writes.
    const latest = await page.getAttribute('#history tbody tr', 'data-diff')
    const pageDiff = (await page.evaluate(
      async ([id, token]) =>
        (await fetch(`/api/prices/diffs/${id}`, {headers: {'X-Qbo-Token': token!}})).json(),
      [latest, dashboard.token],
    )) as DiffView
    const pageApply = await applyByCli(t, pageDiff)
    assert.deepEqual(pageApply.written, written.map((r) => ({sku: r.sku, newCost: r.newCost})).sort(bySku))

    // The code table is edited on the page too: removing a link makes the diff again without it.
    await page.click('#codes tbody tr[data-code="BE-5530"] button')
    await page.waitForSelector('#codes tbody tr[data-code="BE-5530"]', {state: 'detached'})
    assert.match((await page.textContent('#message')) ?? '', /Removed BE-5530/)
    assert.equal(await page.$('#diff tbody tr[data-status="missing_from_file"] >> text=Panel Standard'), null)
  },
)

const bySku = (a: {sku: string | undefined}, b: {sku: string | undefined}) =>
  String(a.sku).localeCompare(String(b.sku))

/** `qbo prices diff --json` and `qbo prices apply --skip` on a fresh, identical company. */
async function applyByCli(
  t: Parameters<typeof pricesWorld>[0],
  pageDiff: DiffView,
): Promise<{written: {sku: string | undefined; newCost: string | undefined}[]}> {
  const w = await pricesWorld(t)
  saveProfile(w.staging, DEMO_PROFILE_JSON)
  await importCodes(
    {staging: w.staging, qbo: w.qbo},
    {supplier: DEMO_SUPPLIER, file: {name: 'codes.csv', bytes: readFileSync(CODES)}, origin: 'test'},
  )
  const diff = await runCli(
    ['prices', 'diff', DEMO_LIST_FILE, '--supplier', DEMO_SUPPLIER, '--db', w.db, '--json'],
    {env: w.env},
  )
  assert.equal(diff.code, 0, diff.stderr)
  const cliDiff = JSON.parse(diff.stdout) as DiffView
  // Item ids differ between the two companies; everything else is the same diff.
  const comparable = (v: DiffView) =>
    v.lines.map(({item, ...l}) => ({
      ...l,
      item: item && {...item, id: undefined},
      selected: undefined,
      state: undefined,
      result: undefined,
    }))
  assert.deepEqual(comparable(cliDiff), comparable(pageDiff))
  assert.deepEqual(cliDiff.counts, pageDiff.counts)
  assert.deepEqual(cliDiff.warnings, pageDiff.warnings)

  const apply = await runCli(
    ['prices', 'apply', String(cliDiff.id), '--skip', 'ITEM-012', '--db', w.db, '--json'],
    {env: w.env},
  )
  assert.equal(apply.code, 0, apply.stderr)
  const result = JSON.parse(apply.stdout) as ApplyResult
  void createPriceDiff
  return {written: result.written.map((l) => ({sku: l.sku ?? undefined, newCost: l.newCost})).sort(bySku)}
}
