import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {
  amountText,
  dec,
  parseDecimal,
  roundAmount,
  sum,
  toQboAmount,
  unitText,
} from '../../../src/domain/money.js'

describe('money', () => {
  it('parses plain decimal text exactly and refuses anything else', () => {
    assert.equal(parseDecimal('0.1')?.plus(parseDecimal('0.2')!).toString(), '0.3')
    assert.equal(parseDecimal('.32')?.toString(), '0.32')
    assert.equal(parseDecimal('-12.50')?.toString(), '-12.5')
    for (const bad of ['', '1,000', '$5', '1e5', 'NaN', '12.3.4', '--1'])
      assert.equal(parseDecimal(bad), undefined, bad)
  })

  it('rounds amounts half away from zero to 2 dp, as QBO does', () => {
    assert.equal(roundAmount(dec('1.005')).toString(), '1.01')
    assert.equal(roundAmount(dec('-1.005')).toString(), '-1.01')
    assert.equal(roundAmount(dec('2.675')).toString(), '2.68') // 2.675 as a float is 2.67499...
    assert.equal(amountText(dec('3')), '3.00')
    // Half away from zero, and a negative amount that rounds to zero has no sign (staged JSON and hashes).
    assert.equal(amountText(dec('-1.005')), '-1.01')
    assert.equal(amountText(dec('2.675')), '2.68')
    assert.equal(amountText(dec('-0.004')), '0.00')
    assert.equal(amountText(dec('-0')), '0.00')
    assert.equal(amountText(dec('-0.005')), '-0.01')
    assert.equal(toQboAmount(dec('1234567890.125')), 1234567890.13)
  })

  it('keeps unit prices and quantities to 7 dp', () => {
    assert.equal(unitText(dec('0.123456789')), '0.1234568')
    assert.equal(unitText(dec('10.5000000')), '10.5')
  })

  it('sums without float drift', () => {
    const tenths = Array.from({length: 10}, () => dec('0.1'))
    assert.equal(sum(tenths).toString(), '1')
  })
})
