import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {contains} from '../../src/load/outbox/probe.js'

describe('contains (does QBO hold what was written?)', () => {
  const written = [{Amount: 10, SalesItemLineDetail: {ItemRef: {value: '3'}}}]

  it('ignores what QBO adds: names on references, line ids, the subtotal line', () => {
    const answered = [
      {Amount: 10, SalesItemLineDetail: {ItemRef: {value: '3', name: 'Bolt'}}, Id: '1', LineNum: 1},
      {Amount: 10, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {}},
    ]
    assert.ok(contains(answered, written))
  })

  it("takes a reference by its value: QBO drops a Deposit line's Entity.type", () => {
    assert.ok(contains({Entity: {value: '97', name: 'Martin'}}, {Entity: {value: '97', type: 'Customer'}}))
    assert.ok(!contains({Entity: {value: '98'}}, {Entity: {value: '97', type: 'Customer'}}))
  })

  it('still sees a line changed, added or removed', () => {
    assert.ok(!contains([{Amount: 11, SalesItemLineDetail: {ItemRef: {value: '3'}}}], written))
    assert.ok(!contains([...written, ...written], written))
    assert.ok(!contains([], written))
  })
})
