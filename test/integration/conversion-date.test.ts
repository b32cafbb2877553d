// Acceptance (issue 15): a company with a year of history, converted at a mid-year date, matches the source's
// own trial balance at that date on every account, and its open AR and AP per contact. The source figures are
// the company's reports (fixtures/generator/books.ts, from the model), never the staged records.
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {reconcile} from '../../src/reconcile/reconcile.js'
import {clientReadPort} from '../../src/reconcile/qbo-read-port.js'
import {systemClock} from '../../src/staging/clock.js'
import {silentLogger} from '../../src/ui/logger.js'
import {companyFolder, migrate, smallCompany} from './reports-harness.js'

const D = '2023-12-31'

describe('conversion-date migration', () => {
  it(
    'open documents at their outstanding amounts, one opening journal: every account and contact agrees at the date',
    {timeout: 120_000},
    async (t) => {
      const company = smallCompany()
      const folder = companyFolder(t, company, [])
      const reports = companyFolder(t, company, [{asAt: D}])
      const m = await migrate(t, folder, {
        reportFolders: [join(reports, `reports-${D}`)],
        conversion: {date: D, openDocuments: 'outstanding', history: 'opening'},
      })
      assert.equal(m.parked, 0)
      const r = m.result
      assert.equal(r.asOf, D, 'reconciled at the date of the source trial balance')
      assert.deepEqual(r.failures, [])
      assert.equal(r.withinTolerance, true)
      assert.equal(r.trialBalance.variance, 0)
      assert.ok(r.trialBalance.accounts >= 10, `${r.trialBalance.accounts} accounts`)
      assert.equal(r.aging.receivables.variance, 0)
      assert.equal(r.aging.payables.variance, 0)
      assert.ok(r.aging.receivables.contacts > 3 && r.aging.payables.contacts > 3)
      // What was settled before the date is not migrated, never missing; the rest matches.
      const stats = Object.values(r.entities)
      assert.ok(stats.some((s) => s.notMigrated > 0))
      assert.equal(
        stats.reduce((n, s) => n + s.missing + s.mismatched + s.extra, 0),
        0,
      )
      // The opening journal is the conversion's own record: in the id map, and proven by the balances.
      assert.ok(m.staging.idMap.get(m.client.realmId, 'JournalEntry', 'myob', `conversion:opening:${D}`))
      const decisions = m.staging.decisions.list()
      assert.ok(decisions.some((d) => d.code === 'OPEN_AT_CONVERSION'))
      assert.ok(decisions.some((d) => d.code === 'BEFORE_CONVERSION_DATE'))
    },
  )

  it(
    'open documents in full with the paid part into clearing, monthly summaries: agrees at the date; each month end agrees on income and expense',
    {timeout: 120_000},
    async (t) => {
      const company = smallCompany()
      const months = ['2023-09-30', '2023-10-31', '2023-11-30', D]
      const folder = companyFolder(
        t,
        company,
        months.map((asAt) => ({asAt})),
      )
      const m = await migrate(t, folder, {
        reportFolders: months.map((asAt) => join(folder, `reports-${asAt}`)),
        conversion: {date: D, openDocuments: 'full', history: 'monthly'},
        asOf: D,
      })
      assert.equal(m.parked, 0)
      assert.deepEqual(m.result.failures, [])
      assert.equal(m.result.trialBalance.variance, 0)
      for (const month of months.slice(0, -1)) {
        assert.ok(
          m.staging.idMap.get(m.client.realmId, 'JournalEntry', 'myob', `conversion:opening:${month}`),
          month,
        )
      }
      assert.ok(m.staging.decisions.list().some((d) => d.code === 'PAID_BEFORE_CONVERSION'))

      // At an earlier month end, income and expense agree account by account; receivables, payables and
      // Conversion Clearing do not (QBO builds AR and AP from the documents open at the conversion date, and a
      // journal cannot post to them), and those differences cancel out.
      const earlier = await reconcile(
        {staging: m.staging, port: clientReadPort(m.client), clock: systemClock, logger: silentLogger},
        {asOf: '2023-10-31', out: join(m.dir, 'october.xlsx')},
      )
      const failing = earlier.failures.filter((f) => f.startsWith('Trial balance'))
      assert.equal(failing.length, 1, earlier.failures.join('\n'))
      assert.doesNotMatch(failing[0]!, /Sales|Advertising|Rent|Wages|Cost of Goods|Entertainment|Telephone/)
      assert.match(failing[0]!, /Conversion Clearing/)
    },
  )
})
