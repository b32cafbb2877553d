import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {CanonicalRecord, TaxRate} from '../../src/domain/canonical.js'
import type {SourceSystem} from '../../src/domain/ids.js'
import type {Overrides} from '../../src/mappers/index.js'
import {resolveTaxCode} from '../../src/mappers/tax.js'
import {companyContext} from './helpers.js'

const rate = (id: string, over: Partial<TaxRate> = {}): CanonicalRecord => ({
  kind: 'taxRate',
  record: {id, name: id, rate: '0', appliesTo: 'both', active: true, ...over},
})

function resolve(
  system: SourceSystem,
  rates: CanonicalRecord[],
  code: string,
  direction: 'sales' | 'purchase',
  overrides: Overrides = {},
) {
  const {ctx} = companyContext({records: rates, system, overrides})
  const r = resolveTaxCode(ctx, code, direction)
  return 'code' in r ? r.code.Name : r.issue
}

describe('tax codes, looked up by name in the target company', () => {
  it('maps Xero tax types by direction', () => {
    const rates = ['OUTPUT', 'INPUT', 'CAPEXINPUT', 'EXEMPTEXPENSES', 'EXEMPTEXPORT', 'INPUTTAXED'].map(
      (id) => rate(id, {reportType: id}),
    )
    assert.equal(resolve('xero-api', rates, 'OUTPUT', 'sales'), 'GST')
    assert.equal(resolve('xero-api', rates, 'INPUT', 'purchase'), 'GST on non-capital')
    assert.equal(resolve('xero-api', rates, 'CAPEXINPUT', 'purchase'), 'GST on capital')
    assert.equal(resolve('xero-api', rates, 'EXEMPTEXPENSES', 'purchase'), 'GST-free non-capital')
    assert.equal(resolve('xero-api', rates, 'EXEMPTEXPORT', 'sales'), 'GST-free exports')
    assert.equal(resolve('xero-api', rates, 'INPUTTAXED', 'purchase'), 'Input taxed')
  })

  it('maps BAS Excluded (Xero) and N-T (MYOB) to the out-of-scope code', () => {
    assert.equal(resolve('xero-csv', [rate('BASEXCLUDED')], 'BASEXCLUDED', 'sales'), 'Out of Scope')
    assert.equal(resolve('myob', [rate('N-T')], 'N-T', 'purchase'), 'Out of Scope')
  })

  it('maps one MYOB code to different QBO codes by direction', () => {
    const rates = [rate('GST', {rate: '10'}), rate('FRE')]
    assert.equal(resolve('myob', rates, 'GST', 'sales'), 'GST')
    assert.equal(resolve('myob', rates, 'GST', 'purchase'), 'GST on non-capital')
    assert.equal(resolve('myob', rates, 'FRE', 'sales'), 'GST-free')
    assert.equal(resolve('myob', rates, 'FRE', 'purchase'), 'GST-free non-capital')
  })

  it('finds the code by name whatever its Id and spelling case', () => {
    const {ctx} = companyContext({
      records: [rate('OUTPUT', {reportType: 'OUTPUT'})],
      target: {taxCodes: [{Id: '99', Name: 'gst', Active: true, hasSalesRate: true, hasPurchaseRate: false}]},
    })
    const r = resolveTaxCode(ctx, 'OUTPUT', 'sales')
    assert.ok('code' in r && r.code.Id === '99')
  })

  it('blocks an unknown or custom code with a fix that names the mapping workbook', () => {
    const custom = resolve('xero-api', [rate('TAX001', {name: 'Wine tax', rate: '29'})], 'TAX001', 'sales')
    assert.equal(typeof custom, 'object')
    assert.equal((custom as {code: string}).code, 'TAX_CODE_UNMAPPED')
    assert.match((custom as {fix: string}).fix, /mapping/)
    const unknown = resolve('xero-api', [], 'NOPE', 'sales') as {code: string}
    assert.equal(unknown.code, 'TAX_CODE_UNKNOWN')
  })

  it('follows overrides, direction-specific ones first', () => {
    const rates = [rate('TAX001', {name: 'Wine tax', rate: '29'})]
    const overrides = {taxCodes: {TAX001: 'GST', 'TAX001:purchase': 'Input taxed'}}
    assert.equal(resolve('xero-api', rates, 'TAX001', 'sales', overrides), 'GST')
    assert.equal(resolve('xero-api', rates, 'TAX001', 'purchase', overrides), 'Input taxed')
  })
})
