// Acceptance (issue 15, point 3): the source side of the reconciliation never uses a value the mapper
// computed. The mapper is corrupted three ways (what QBO receives is rewritten on its way out, as a mapper
// bug would write it) and the reconciliation against the source's own reports must fail, exit 4, naming the
// accounts affected. A fourth case corrupts the staged records themselves (the MYOB exchange-rate bug of
// issue 10): the report comparison catches it; figures rebuilt from staging cannot.
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import type {TradeDocument} from '../../src/domain/canonical.js'
import {D} from '../../src/domain/money.js'
import {type QboClient, select} from '../../src/qbo/index.js'
import type {BatchItem} from '../../src/qbo/batch.js'
import {clientReadPort} from '../../src/reconcile/qbo-read-port.js'
import {reconcile} from '../../src/reconcile/reconcile.js'
import type {ReconcileResult} from '../../src/reconcile/result.js'
import {systemClock} from '../../src/staging/clock.js'
import type {Staging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {runCli} from '../helpers/cli.js'
import {companyFolder, type Migrated, migrate, smallCompany} from './reports-harness.js'

const AS_AT = '2024-06-30'

type Line = Record<string, Record<string, {value: string}> | unknown>

/** The client with every batch item passed through `rewrite` before it is sent: what a broken mapper sends. */
function rewriting(client: QboClient, rewrite: (item: BatchItem) => void): QboClient {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'batch') {
        return (items: BatchItem[], opts: Parameters<QboClient['batch']>[1]) => {
          const copies = items.map((i) => structuredClone(i))
          for (const i of copies) rewrite(i)
          return target.batch(copies, opts)
        }
      }
      const value = Reflect.get(target, prop, target) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

const lines = (item: BatchItem) => (Array.isArray(item.body.Line) ? (item.body.Line as Line[]) : [])

async function migrated(t: Parameters<typeof migrate>[0], options: Parameters<typeof migrate>[2] = {}) {
  const company = smallCompany()
  const folder = companyFolder(t, company, [{asAt: AS_AT}])
  return migrate(t, folder, {reportFolders: [join(folder, `reports-${AS_AT}`)], ...options})
}

/** `qbo migrate reconcile` as a user runs it: the exit code and the reasons. */
async function reconcileCli(m: Migrated): Promise<{code: number | null; result: ReconcileResult}> {
  const out = await runCli(
    ['migrate', 'reconcile', '--db', m.dbPath, '--out', join(m.dir, 'cli.xlsx'), '--json'],
    {env: m.env, timeoutMs: 90_000},
  )
  return {code: out.code, result: JSON.parse(out.stdout) as ReconcileResult}
}

function trialBalanceFailure(result: ReconcileResult): string {
  return result.failures.find((f) => f.startsWith('Trial balance')) ?? ''
}

describe('the reconciliation is independent of the mapper', () => {
  it(
    'a faithful load agrees with the source reports on every account and contact',
    {timeout: 120_000},
    async (t) => {
      const m = await migrated(t)
      assert.deepEqual(m.result.failures, [])
      assert.equal(m.result.trialBalance.variance, 0)
      assert.ok(m.result.trialBalance.accounts >= 12)
    },
  )

  it('an inverted exchange rate fails, naming the accounts', {timeout: 120_000}, async (t) => {
    const m = await migrated(t, {
      client: (c) =>
        rewriting(c, (item) => {
          const rate = item.body.ExchangeRate
          if (typeof rate === 'number' && rate !== 1)
            item.body.ExchangeRate = Number(new D(1).div(rate).toDecimalPlaces(6))
        }),
    })
    const {code, result} = await reconcileCli(m)
    assert.equal(code, 4)
    assert.equal(result.withinTolerance, false)
    const tb = trialBalanceFailure(result)
    assert.match(tb, /Accounts Receivable/)
    assert.match(tb, /Sales/)
    assert.ok(
      result.failures.some((f) => /^AR aging: .*Wilson, Liam/.test(f)),
      result.failures.join('\n'),
    )
  })

  it('a tax code mapped to the wrong rate fails, naming the accounts', {timeout: 120_000}, async (t) => {
    let gst = ''
    let free = ''
    const m = await migrated(t, {
      client: async (c) => {
        const codes = await c.queryAll(select('TaxCode'))
        gst = String(codes.find((x) => x.Name === 'GST')?.Id)
        free = String(codes.find((x) => x.Name === 'GST-free')?.Id)
        return rewriting(c, (item) => {
          if (item.entity !== 'Invoice') return
          for (const l of lines(item)) {
            const detail = l.SalesItemLineDetail as {TaxCodeRef?: {value: string}} | undefined
            if (detail?.TaxCodeRef?.value === gst) detail.TaxCodeRef = {value: free}
          }
        })
      },
    })
    assert.ok(gst && free)
    const {code, result} = await reconcileCli(m)
    assert.equal(code, 4)
    const tb = trialBalanceFailure(result)
    assert.match(tb, /GST/)
    assert.match(tb, /Accounts Receivable/)
  })

  it('an expense account mapped to another fails, naming both accounts', {timeout: 120_000}, async (t) => {
    const m = await migrated(t, {
      client: (c, staging: Staging) =>
        rewriting(c, (item) => {
          if (item.entity !== 'Bill') return
          const power = staging.idMap.get(c.realmId, 'Account', 'myob', '6-1300')?.qboId
          const rent = staging.idMap.get(c.realmId, 'Account', 'myob', '6-1400')?.qboId
          for (const l of lines(item)) {
            const detail = l.AccountBasedExpenseLineDetail as {AccountRef?: {value: string}} | undefined
            if (power && rent && detail?.AccountRef?.value === power) detail.AccountRef = {value: rent}
          }
        }),
    })
    const {code, result} = await reconcileCli(m)
    assert.equal(code, 4)
    const tb = trialBalanceFailure(result)
    assert.match(tb, /Light, Power, Heating/)
    assert.match(tb, /Rent/)
    assert.match(tb, /2 accounts differ/)
  })

  it(
    'staged records with an inverted exchange rate: the source reports catch it, staged figures cannot',
    {timeout: 120_000},
    async (t) => {
      const m = await migrated(t, {
        beforeLoad: (staging) => {
          for (const kind of ['invoice', 'creditNote']) {
            for (const r of [...staging.staged.iterate(kind, 'myob')]) {
              const doc = r.record as TradeDocument
              if (!doc.exchangeRate) continue
              const inverted = {
                ...doc,
                exchangeRate: new D(1).div(doc.exchangeRate).toDecimalPlaces(7).toString(),
              }
              staging.staged.upsert('myob', kind, r.sourceId, inverted)
            }
          }
        },
      })
      assert.equal(m.result.withinTolerance, false)
      assert.match(trialBalanceFailure(m.result), /Accounts Receivable/)
      // The same QBO, compared with figures rebuilt from the staged records: the wrong rate is on both sides.
      m.staging.db.exec('DELETE FROM source_reports')
      const fallback = await reconcile(
        {staging: m.staging, port: clientReadPort(m.client), clock: systemClock, logger: silentLogger},
        {asOf: AS_AT, out: join(m.dir, 'fallback.xlsx')},
      )
      assert.equal(fallback.trialBalance.variance, 0)
      assert.equal(fallback.aging.receivables.variance, 0)
    },
  )
})
