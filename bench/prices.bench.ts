import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {generatedLines, priceListWorkbook} from '../fixtures/generator/price-list.js'
import {PriceProfile} from '../src/domain/price-list.js'
import {startQboEmulator} from '../src/emulator/qbo/index.js'
import {clientPricesQbo, createPriceDiff, saveProfile} from '../src/load/prices/index.js'
import {createQboClient} from '../src/qbo/index.js'
import {readPriceList} from '../src/sources/price-list/index.js'
import {openStaging} from '../src/staging/index.js'
import {silentLogger} from '../src/ui/logger.js'
import {type Benchmark, compare, measure} from './harness.js'

const LINES = Number(process.env.BENCH_PRICE_LINES ?? 5_000)
const SUPPLIER = 'Bench Supplies Pty Ltd'

/**
 * A 5,000-line supplier price list (XLSX: title rows, header on row 3, ex- and inc-GST columns, pack sizes,
 * POA lines) diffed against a company holding 5,000 items. Baseline: reading the file alone (the workbook
 * opened and its rows read with the profile). Subject: the whole `qbo prices diff`: the same read, every item
 * read from QBO through the client (5 pages of 1,000, the emulator at QBO's speed, unthrottled), the diff,
 * and the diff stored with its lines. The ratio says what the diff adds on top of opening the file.
 */
const bench: Benchmark = {
  name: 'prices-diff',
  description: `${LINES.toLocaleString('en')}-line XLSX price list diffed against ${LINES.toLocaleString('en')} QBO items`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'qbo-bench-prices-'))
    const emu = await startQboEmulator({throttling: false})
    try {
      const lines = generatedLines(LINES)
      const file = join(dir, 'list.xlsx')
      writeFileSync(file, await priceListWorkbook(`${SUPPLIER}: Trade Price List`, lines))
      const bytes = readFileSync(file)
      const t = (await (await fetch(`${emu.url}/_emulator/tokens`, {method: 'POST', body: '{}'})).json()) as {
        access_token: string
      }
      await seedItems(emu.url, emu.realmId, t.access_token, lines.length)
      const client = createQboClient({
        realmId: emu.realmId,
        apiBase: emu.url,
        tokens: {accessToken: async () => t.access_token, afterUnauthorized: async () => t.access_token},
      })
      const staging = openStaging(join(dir, 'bench.db'))
      const profile = saveProfile(staging, {
        name: 'Bench',
        supplier: SUPPLIER,
        codeColumn: 'Code',
        costColumn: 'Price Ex GST',
        packColumn: 'Pack',
        pricePer: 'pack',
      })
      const parsed = PriceProfile.parse(profile)
      // Warm-up: module loading and JIT are not what is measured.
      await readPriceList({name: 'list.xlsx', bytes}, parsed)

      const baseline = await measure('read the file alone', async () => {
        const read = await readPriceList({name: 'list.xlsx', bytes}, parsed)
        return read.rows.length
      })
      let changes = 0
      const subject = await measure('qbo prices diff (read, QBO items, diff, store)', async () => {
        const view = await createPriceDiff(
          {
            staging,
            qbo: clientPricesQbo(client),
            logger: silentLogger,
            actor: 'bench',
            now: Date.now,
            sleep: async () => {},
          },
          {file: {name: 'list.xlsx', bytes}, supplier: SUPPLIER},
        )
        changes = view.counts.change
        return view.lines.length
      })
      staging.close()
      return compare('prices-diff', bench.description, baseline, subject, {
        // "In seconds": the whole diff within a few times the cost of merely opening the workbook.
        target: {maxRatio: 4},
        extra: {lines: LINES, items: LINES, changes, seconds: Number((subject.ms / 1000).toFixed(2))},
      })
    } finally {
      await emu.close()
      rmSync(dir, {recursive: true, force: true})
    }
  },
}

/** Items GEN-00001… costing 1.00 (so most lines of the list are changes), created 30 to a batch. */
async function seedItems(url: string, realmId: string, bearer: string, count: number): Promise<void> {
  const query = encodeURIComponent("SELECT * FROM Account WHERE Name = 'Sales'")
  const sales = (
    (await (
      await fetch(`${url}/v3/company/${realmId}/query?query=${query}`, {
        headers: {Authorization: `Bearer ${bearer}`, Accept: 'application/json'},
      })
    ).json()) as {QueryResponse: {Account: {Id: string}[]}}
  ).QueryResponse.Account[0]!.Id
  for (let start = 1; start <= count; start += 30) {
    const items = []
    for (let n = start; n < Math.min(start + 30, count + 1); n++) {
      const code = `GEN-${String(n).padStart(5, '0')}`
      items.push({
        bId: `b${n - start + 1}`,
        operation: 'create',
        Item: {
          Name: `Generated item ${n}`,
          Sku: code,
          Type: 'Service',
          PurchaseCost: 1,
          IncomeAccountRef: {value: sales},
        },
      })
    }
    const res = await fetch(`${url}/v3/company/${realmId}/batch`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${bearer}`,
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({BatchItemRequest: items}),
    })
    if (res.status !== 200) throw new Error(`seeding items: ${res.status} ${await res.text()}`)
  }
}

export default bench
