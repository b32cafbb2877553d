import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {startXeroEmulator} from '../src/emulator/xero/index.js'
import {XeroApiAdapter} from '../src/sources/xero-api/index.js'
import {openStaging} from '../src/staging/index.js'
import {syntheticXeroCompany} from '../test/fixtures/xero-synthetic.js'
import {emulatorTokens, stageAll} from '../test/unit/sources/xero-api/driver.js'
import {type Benchmark, compare, measure} from './harness.js'

const INVOICES = 20_000
const CONTACTS = 1_000
const PAGE = 1000

/**
 * Records per second of the Xero API extract (xero-node, mapping, validation, staging) against the
 * emulator with its rate limits off, over the same pages fetched with plain fetch + JSON.parse. Then,
 * with Xero's limits on (60/min, a fake clock so the minutes cost nothing), the calls per record and the
 * minutes a real extract of this company would spend.
 */
const bench: Benchmark = {
  name: 'xero-extract',
  description: `extract a ${INVOICES}-invoice Xero company through xero-node into staging vs plain fetch+JSON.parse of the same pages`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'qbo-bench-'))
    const company = syntheticXeroCompany({invoices: INVOICES, contacts: CONTACTS})
    const records = INVOICES + CONTACTS
    const emulator = await startXeroEmulator({company, rateLimits: false})
    try {
      const tokens = emulatorTokens(emulator.url, emulator.tenantId)
      const {accessToken} = await tokens.get()
      const headers = {authorization: `Bearer ${accessToken}`, 'xero-tenant-id': emulator.tenantId}
      const pages = (name: string, count: number) =>
        Array.from(
          {length: Math.max(1, Math.ceil(count / PAGE))},
          (_, i) =>
            `${name}?page=${i + 1}&pageSize=${PAGE}&unitdp=4&order=${encodeURIComponent('UpdatedDateUTC ASC')}`,
        )
      const urls = [
        'Organisation',
        'Accounts',
        'TaxRates',
        'TrackingCategories',
        'Items',
        ...pages('Contacts', CONTACTS),
        ...pages('Invoices', INVOICES),
        ...[
          'CreditNotes',
          'Payments',
          'Overpayments',
          'Prepayments',
          'ManualJournals',
          'BankTransactions',
        ].flatMap((c) => pages(c, 0)),
        'BankTransfers',
      ]
      const baseline = await measure('fetch + JSON.parse', async () => {
        let n = 0
        for (const url of urls) {
          const body = JSON.parse(
            await (await fetch(`${emulator.url}/api.xro/2.0/${url}`, {headers})).text(),
          ) as Record<string, unknown>
          for (const value of Object.values(body)) if (Array.isArray(value)) n += value.length
        }
        return n
      })
      const subject = await measure('XeroApiAdapter + staging', async () => {
        const staging = openStaging(join(dir, 'unlimited.db'))
        await stageAll(new XeroApiAdapter({tokens, baseUrl: emulator.url}), staging)
        const staged = Object.values(staging.staged.countsByKind()).reduce((a, b) => a + b, 0)
        staging.close()
        return staged
      })

      // The same extract with Xero's limits on: every minute-limit wait advances a fake clock.
      let now = Date.now()
      const limited = await startXeroEmulator({company, now: () => now})
      let waitedMs = 0
      const staging = openStaging(join(dir, 'limited.db'))
      const adapter = new XeroApiAdapter({
        tokens: emulatorTokens(limited.url, limited.tenantId),
        baseUrl: limited.url,
        sleep: async (ms) => {
          waitedMs += ms
          now += ms
        },
      })
      await stageAll(adapter, staging)
      staging.close()
      await limited.close()
      const {calls, waits} = adapter.usage
      return compare(bench.name, bench.description, baseline, subject, {
        extra: {
          records,
          recordsPerSecond: Math.round((records / subject.ms) * 1000),
          baselineRecordsPerSecond: Math.round((records / baseline.ms) * 1000),
          withXeroLimits: {
            calls,
            minuteLimitWaits: waits,
            callsPerRecord: calls / records,
            minutesWaitedAtXeroLimits: waitedMs / 60_000,
            dailyQuotaUsed: `${calls} of 5000`,
          },
        },
      })
    } finally {
      await emulator.close()
      rmSync(dir, {recursive: true, force: true})
    }
  },
}

export default bench
