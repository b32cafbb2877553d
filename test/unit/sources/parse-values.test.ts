import assert from 'node:assert/strict'
import {test} from 'node:test'

import {
  DateOrderDetector,
  parseDate,
  parseMyobMoney,
  parseXeroNumber,
} from '../../../src/sources/files/parse-values.js'

const money = (t: string) => parseMyobMoney(t)?.toString()

test('MYOB money: currency signs, missing leading zero, thousands, negatives, locale decimal comma', () => {
  assert.equal(money('$11.5000'), '11.5')
  assert.equal(money('$.3200'), '0.32')
  assert.equal(money('$.00'), '0')
  assert.equal(money('$1,035.00'), '1035')
  assert.equal(money('-$10.00'), '-10')
  assert.equal(money('$-10.00'), '-10')
  assert.equal(money('($10.50)'), '-10.5')
  assert.equal(money('Rp60.450,4504'), '60450.4504')
  assert.equal(money('1.234.567'), '1234567')
  assert.equal(money('126.000000'), '126')
  assert.equal(money('0%'), '0')
  assert.equal(money(''), undefined)
  assert.equal(money('$1O.00'), undefined)
  assert.equal(money('1,2,3'), undefined)
})

test('MYOB money keeps exact decimals (no float drift)', () => {
  assert.equal(
    parseMyobMoney('$0.1')
      ?.plus(parseMyobMoney('$0.2') ?? 0)
      .toString(),
    '0.3',
  )
})

test('Xero numbers: dot decimal, minus or brackets, Excel thousands; no currency signs', () => {
  assert.equal(parseXeroNumber('-30.00')?.toString(), '-30')
  assert.equal(parseXeroNumber('(30.00)')?.toString(), '-30')
  assert.equal(parseXeroNumber('1,234.50')?.toString(), '1234.5')
  assert.equal(parseXeroNumber('.5')?.toString(), '0.5')
  assert.equal(parseXeroNumber('$10'), undefined)
  assert.equal(parseXeroNumber('12.3.4'), undefined)
  assert.equal(parseXeroNumber('1100,00'), undefined)
})

test('dates: d/mm/yyyy without leading zero, both orders, ISO, year-first, named months', () => {
  assert.equal(parseDate('1/07/2020', 'dmy'), '2020-07-01')
  assert.equal(parseDate('07/01/2020', 'mdy'), '2020-07-01')
  assert.equal(parseDate('2020-07-01', 'mdy'), '2020-07-01')
  assert.equal(parseDate('2020/07/01', 'dmy'), '2020-07-01')
  assert.equal(parseDate('02 Sep 2026', 'dmy'), '2026-09-02')
  assert.equal(parseDate('1.07.2020', 'dmy'), '2020-07-01')
  assert.equal(parseDate('31/02/2024', 'dmy'), undefined)
  assert.equal(parseDate('15/07/2024', 'mdy'), undefined)
  assert.equal(parseDate('yesterday', 'dmy'), undefined)
})

test('date order is settled by a part above 12, and a conflict is reported', () => {
  const d = new DateOrderDetector()
  d.add('01/02/2024')
  assert.equal(d.result(), undefined)
  d.add('13/02/2024')
  assert.equal(d.result(), 'dmy')
  const m = new DateOrderDetector()
  m.add('02/13/2024')
  assert.equal(m.result(), 'mdy')
  m.add('13/02/2024')
  assert.equal(m.result(), 'conflict')
})
