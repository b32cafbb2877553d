import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {collectRefs, resolveRefs} from '../../src/mappers/index.js'

const payload = {
  CustomerRef: {ref: {entity: 'Customer', sourceId: 'C1'}},
  EntityRef: {ref: {entity: 'Vendor', sourceId: 'V1'}, type: 'Vendor'},
  Line: [
    {Amount: 10, LinkedTxn: [{TxnId: {refId: {entity: 'Invoice', sourceId: 'INV-1'}}, TxnType: 'Invoice'}]},
    {
      Amount: 5,
      SalesItemLineDetail: {TaxCodeRef: {value: '10'}, ItemRef: {ref: {entity: 'Item', sourceId: 'X'}}},
    },
  ],
}

describe('symbolic references', () => {
  it('lists every placeholder once', () => {
    assert.deepEqual(
      collectRefs({...payload, Again: {ref: {entity: 'Customer', sourceId: 'C1'}}}).map(
        (t) => `${t.entity}:${t.sourceId}`,
      ),
      ['Customer:C1', 'Vendor:V1', 'Invoice:INV-1', 'Item:X'],
    )
  })

  it('replaces placeholders with QBO Ids, keeping other keys and known refs', () => {
    const ids: Record<string, string> = {
      'Customer:C1': '58',
      'Vendor:V1': '42',
      'Invoice:INV-1': '130',
      'Item:X': '7',
    }
    const {payload: out, unresolved} = resolveRefs(payload, (e, s) => ids[`${e}:${s}`])
    assert.deepEqual(unresolved, [])
    assert.deepEqual(out, {
      CustomerRef: {value: '58'},
      EntityRef: {value: '42', type: 'Vendor'},
      Line: [
        {Amount: 10, LinkedTxn: [{TxnId: '130', TxnType: 'Invoice'}]},
        {Amount: 5, SalesItemLineDetail: {TaxCodeRef: {value: '10'}, ItemRef: {value: '7'}}},
      ],
    })
    assert.deepEqual(collectRefs(out), [])
  })

  it('reports what it cannot resolve and leaves it in place', () => {
    const {payload: out, unresolved} = resolveRefs(payload, (e) => (e === 'Customer' ? '58' : undefined))
    assert.deepEqual(
      unresolved.map((t) => t.entity),
      ['Vendor', 'Invoice', 'Item'],
    )
    assert.deepEqual(out.CustomerRef, {value: '58'})
    assert.deepEqual(out.EntityRef, payload.EntityRef)
  })
})
