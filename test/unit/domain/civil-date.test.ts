import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {addDays, civilDate, daysBetween, parseIsoDate, todayUtc} from '../../../src/domain/civil-date.js'

describe('civil dates', () => {
  it('accepts only real calendar dates', () => {
    assert.equal(parseIsoDate('2024-02-29'), '2024-02-29')
    assert.equal(parseIsoDate('2023-02-29'), undefined)
    assert.equal(parseIsoDate('2024-13-01'), undefined)
    assert.equal(parseIsoDate('24-01-01'), undefined)
    assert.throws(() => civilDate(2023, 4, 31))
  })

  it('does calendar arithmetic without local time zones', () => {
    assert.equal(addDays(civilDate(2024, 12, 31), 1), '2025-01-01')
    assert.equal(addDays(civilDate(2024, 3, 1), -1), '2024-02-29')
    assert.equal(daysBetween(civilDate(2024, 1, 1), civilDate(2024, 12, 31)), 365)
    // Late on 30 June UTC is 1 July in Sydney; a civil date taken from the clock is the UTC day, stated as such.
    assert.equal(todayUtc(new Date('2024-06-30T23:30:00Z')), '2024-06-30')
  })
})
