import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Book} from '../../../src/emulator/qbo/index.js'
import {harness} from './client.js'

describe('QBO emulator: /reports/{name} calls the injected report builder', () => {
  it('answers 400 with a QBO fault when no builder knows the report', async () => {
    const h = await harness()
    try {
      const r = await h.get('/reports/CashFlow?end_date=2025-06-30')
      assert.equal(r.status, 400)
      assert.equal(r.json.Fault.type, 'ValidationFault')
      assert.match(r.json.Fault.Error[0].Detail, /CashFlow is not supported/)
    } finally {
      await h.close()
    }
  })

  it('serves the posting ledger by default, and a bad report parameter is a 400 validation fault', async () => {
    const h = await harness()
    try {
      const tb = await h.get('/reports/TrialBalance?end_date=2025-06-30')
      assert.equal(tb.status, 200)
      assert.equal(tb.json.Header.ReportName, 'TrialBalance')
      const bad = await h.get('/reports/TrialBalance?end_date=2025-13-45')
      assert.equal(bad.status, 400)
      assert.equal(bad.json.Fault.type, 'ValidationFault')
      assert.equal(bad.json.Fault.Error[0].element, 'end_date')
    } finally {
      await h.close()
    }
  })

  it('passes the name, the query parameters and a read-only book, and returns the report as is', async () => {
    const seen: {name: string; end: string | null; customers: number; country: unknown}[] = []
    const reportBuilder = (name: string, params: URLSearchParams, book: Book) => {
      if (name !== 'TrialBalance') return undefined
      seen.push({
        name,
        end: params.get('end_date'),
        customers: book.list('Customer').length,
        country: book.companyInfo.Country,
      })
      return {Header: {ReportName: name}, Columns: {Column: []}, Rows: {Row: []}}
    }
    const h = await harness({reportBuilder})
    try {
      await h.post('/customer', {DisplayName: 'Report Subject'})
      const r = await h.get('/reports/TrialBalance?end_date=2025-06-30&minorversion=75')
      assert.equal(r.status, 200)
      assert.deepEqual(r.json, {Header: {ReportName: 'TrialBalance'}, Columns: {Column: []}, Rows: {Row: []}})
      assert.deepEqual(seen, [{name: 'TrialBalance', end: '2025-06-30', customers: 1, country: 'AU'}])
      assert.equal((await h.get('/reports/CashFlow')).status, 400)
    } finally {
      await h.close()
    }
  })
})
