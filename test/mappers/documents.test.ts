import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Invoice} from '../../src/domain/canonical.js'
import {shortenDocNumber} from '../../src/mappers/doc-common.js'
import {mapTradeDocument} from '../../src/mappers/documents.js'
import {companyContext, recordOf} from './helpers.js'

type Line = Record<string, unknown> & {SalesItemLineDetail: Record<string, unknown>}

describe('trade documents', () => {
  const {ctx, records} = companyContext()

  it('sends net line amounts with TaxInclusive and the gross in TaxInclusiveAmt', () => {
    const m = mapTradeDocument(recordOf(records, 'invoice', 'INV-0002'), ctx)
    assert.equal(m.payload?.GlobalTaxCalculation, 'TaxInclusive')
    const lines = m.payload?.Line as Line[]
    assert.equal(lines[0]?.Amount, 200)
    assert.equal(lines[0]?.SalesItemLineDetail.TaxInclusiveAmt, 220)
    assert.deepEqual(lines[0]?.SalesItemLineDetail.TaxCodeRef, {value: '10'})
    assert.deepEqual(m.payload?.TxnTaxDetail, {TotalTax: 20})
  })

  it('can present inclusive documents exclusive of tax with the same totals, recorded', () => {
    const {ctx: c} = companyContext({overrides: {taxPresentation: 'TaxExcluded'}})
    const m = mapTradeDocument(recordOf(records, 'invoice', 'INV-0002'), c)
    assert.equal(m.payload?.GlobalTaxCalculation, 'TaxExcluded')
    assert.equal((m.payload?.Line as Line[])[0]?.Amount, 200)
    assert.equal((m.payload?.Line as Line[])[0]?.SalesItemLineDetail.TaxInclusiveAmt, undefined)
    assert.equal(m.decisions[0]?.code, 'TAX_PRESENTATION_OVERRIDDEN')
  })

  it('sends no TxnTaxDetail and no line tax codes with NotApplicable', () => {
    const m = mapTradeDocument(recordOf(records, 'supplierCredit', 'SC-1'), ctx)
    assert.equal(m.payload?.GlobalTaxCalculation, 'NotApplicable')
    assert.equal(m.payload?.TxnTaxDetail, undefined)
    assert.doesNotMatch(JSON.stringify(m.payload), /TaxCodeRef/)
    assert.deepEqual(m.decisions, [])
    const sc = recordOf(records, 'supplierCredit', 'SC-1')
    const gstFree = mapTradeDocument({...sc, lines: [{...sc.lines[0]!, taxCode: 'EXEMPTOUTPUT'}]}, ctx)
    assert.equal(gstFree.decisions[0]?.code, 'TAX_CODE_NOT_APPLICABLE')
  })

  it('shortens a 30-character DocNumber deterministically to 21, keeping the original', () => {
    const long = 'INV-2024-EXPORT-REPRINT-000123'
    assert.equal(long.length, 30)
    const short = shortenDocNumber(long)
    assert.ok(short.length <= 21)
    assert.equal(short, shortenDocNumber(long))
    assert.notEqual(short, shortenDocNumber('INV-2024-EXPORT-REPRINT-000124'))
    const m = mapTradeDocument(recordOf(records, 'invoice', long), ctx)
    assert.equal(m.payload?.DocNumber, short)
    assert.match(
      String(m.payload?.PrivateNote),
      /^qbo-toolkit:xero-api:INV-2024-EXPORT-REPRINT-000123\nNumber: INV-2024-EXPORT-REPRINT-000123/,
    )
    assert.equal(m.decisions[0]?.code, 'DOCNUMBER_SHORTENED')
  })

  it('carries foreign currency with its exchange rate, and blocks without multicurrency or a rate', () => {
    const eur = recordOf(records, 'invoice', 'INV-0003')
    const m = mapTradeDocument(eur, ctx)
    assert.deepEqual(m.payload?.CurrencyRef, {value: 'EUR'})
    assert.equal(m.payload?.ExchangeRate, 1.625)
    const {ctx: off} = companyContext({target: {multiCurrency: false}})
    assert.equal(mapTradeDocument(eur, off).issues[0]?.code, 'MULTICURRENCY_OFF')
    const noRate: Invoice = {...eur, exchangeRate: undefined}
    assert.equal(mapTradeDocument(noRate, ctx).issues[0]?.code, 'EXCHANGE_RATE_MISSING')
  })

  it('folds a line discount into amount and unit price so Qty × UnitPrice = Amount, recorded', () => {
    const m = mapTradeDocument(recordOf(records, 'invoice', 'INV-0001'), ctx)
    const line = (m.payload?.Line as Line[])[0]!
    assert.equal(line.Amount, 1350)
    assert.deepEqual([line.SalesItemLineDetail.Qty, line.SalesItemLineDetail.UnitPrice], [10, 135])
    assert.equal(m.decisions[0]?.code, 'LINE_DISCOUNT_APPLIED')
  })

  it('drops quantity and price when no 7-decimal price gives the amount, recorded', () => {
    const inv = recordOf(records, 'invoice', 'INV-0001')
    const odd: Invoice = {
      ...inv,
      lines: [
        {
          ...inv.lines[0]!,
          quantity: '2345678',
          discountRate: undefined,
          lineAmount: '1350.00',
          taxAmount: '135.00',
        },
        inv.lines[1]!,
      ],
    }
    const m = mapTradeDocument(odd, ctx)
    const line = (m.payload?.Line as Line[])[0]!
    assert.equal(line.Amount, 1350)
    assert.equal(line.SalesItemLineDetail.Qty, undefined)
    assert.ok(m.decisions.some((d) => d.code === 'QTY_PRICE_DROPPED'))
  })

  it('skips drafts and blocks a document whose lines do not add up', () => {
    assert.equal(mapTradeDocument(recordOf(records, 'invoice', 'INV-0005'), ctx).disposition?.action, 'skip')
    const inv = recordOf(records, 'invoice', 'INV-0001')
    assert.equal(mapTradeDocument({...inv, total: '1595.01'}, ctx).issues[0]?.code, 'DOCUMENT_TOTALS')
  })

  it('blocks an unknown tax code on a line, with a fix', () => {
    const inv = recordOf(records, 'invoice', 'INV-0002')
    const m = mapTradeDocument({...inv, lines: [{...inv.lines[0]!, taxCode: 'WET'}, inv.lines[1]!]}, ctx)
    assert.equal(m.payload, undefined)
    assert.equal(m.issues[0]?.code, 'TAX_CODE_UNKNOWN')
    assert.match(m.issues[0]!.message, /^line 1: /)
    assert.ok(m.issues[0]!.fix.length > 0)
  })

  it('uses the out-of-scope code for an uncoded line, recorded', () => {
    const inv = recordOf(records, 'invoice', 'INV-0002')
    const m = mapTradeDocument({...inv, lines: [inv.lines[0]!, {...inv.lines[1]!, taxCode: undefined}]}, ctx)
    assert.deepEqual((m.payload?.Line as Line[])[1]?.SalesItemLineDetail.TaxCodeRef, {value: '15'})
    assert.ok(m.decisions.some((d) => d.code === 'TAX_CODE_DEFAULTED'))
  })

  it('adopts an existing QBO invoice by marker, or by DocNumber + date + total', () => {
    const inv = recordOf(records, 'invoice', 'INV-0001')
    const byMarker = companyContext({
      target: {
        documents: [
          {
            entity: 'Invoice',
            Id: '130',
            TxnDate: '2020-01-01',
            TotalAmt: '1',
            PrivateNote: 'x qbo-toolkit:xero-api:INV-0001',
          },
        ],
      },
    }).ctx
    assert.equal(mapTradeDocument(inv, byMarker).disposition?.qboId, '130')
    const byNumber = companyContext({
      target: {
        documents: [
          {entity: 'Invoice', Id: '131', DocNumber: 'INV-0001', TxnDate: '2024-07-01', TotalAmt: '1595'},
        ],
      },
    }).ctx
    assert.equal(mapTradeDocument(inv, byNumber).disposition?.qboId, '131')
    const otherTotal = companyContext({
      target: {
        documents: [
          {entity: 'Invoice', Id: '132', DocNumber: 'INV-0001', TxnDate: '2024-07-01', TotalAmt: '1594.99'},
        ],
      },
    }).ctx
    assert.equal(mapTradeDocument(inv, otherTotal).disposition, undefined)
  })
})
