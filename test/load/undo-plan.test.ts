import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {InUse, keepWhatStays, planUndo, undoBatches} from '../../src/load/undo-plan.js'
import type {IdMapEntry} from '../../src/staging/id-map.js'

const entry = (
  entity: string,
  sourceId: string,
  qboId: string,
  extra: Partial<IdMapEntry> = {},
): IdMapEntry => ({
  realmId: 'R',
  entity,
  sourceSystem: 'myob',
  sourceId,
  qboId,
  syncToken: '0',
  how: 'created',
  runId: 'load-1',
  ...extra,
})

type Rec = Record<string, unknown>
const company = (records: Record<string, Rec[]>) =>
  new Map(Object.entries(records).map(([e, rows]) => [e, new Map(rows.map((r) => [String(r.Id), r]))]))

describe('planUndo', () => {
  it('orders settlements, documents, items, contacts, then lists; sub-accounts before their parents', () => {
    const entries = [
      entry('Account', 'parent', '1'),
      entry('Account', 'child', '2'),
      entry('Customer', 'C', '10'),
      entry('Item', 'I', '20'),
      entry('Invoice', 'INV', '30'),
      entry('Payment', 'P', '40'),
    ]
    const current = company({
      Account: [
        {Id: '1', SyncToken: '0', Active: true},
        {Id: '2', SyncToken: '0', Active: true, ParentRef: {value: '1'}},
      ],
      Customer: [{Id: '10', SyncToken: '0', Active: true}],
      Item: [{Id: '20', SyncToken: '0', Active: true}],
      Invoice: [{Id: '30', SyncToken: '0'}],
      Payment: [{Id: '40', SyncToken: '0'}],
    })
    const plan = planUndo(entries, current, () => undefined)
    assert.deepEqual(
      plan.items.map((i) => [i.entity, i.qboId, i.action]),
      [
        ['Payment', '40', 'delete'],
        ['Invoice', '30', 'delete'],
        ['Item', '20', 'deactivate'],
        ['Customer', '10', 'deactivate'],
        ['Account', '2', 'deactivate'],
        ['Account', '1', 'deactivate'],
      ],
    )
    // The child and its parent never share a batch, even with room for both.
    assert.deepEqual(
      undoBatches(plan.items, 30).map((b) => b.map((i) => i.qboId)),
      [['40'], ['30'], ['20'], ['10'], ['2'], ['1']],
    )
  })

  it('leaves adopted records alone, refuses what moved in QBO (unless forced), forgets what is gone', () => {
    const entries = [
      entry('Account', 'adopted', '1', {how: 'adopted', syncToken: ''}),
      entry('Invoice', 'edited', '30'),
      entry('Invoice', 'deleted-in-qbo', '31'),
      entry('Customer', 'inactive', '10'),
    ]
    const current = company({
      Account: [{Id: '1', SyncToken: '5', Active: true}],
      Invoice: [{Id: '30', SyncToken: '2', CustomerMemo: {value: 'edited'}, DocNumber: '7'}],
      Customer: [{Id: '10', SyncToken: '0', Active: false}],
    })
    const written = () => ({DocNumber: '7', CustomerMemo: {value: 'as loaded'}})
    const plan = planUndo(entries, current, written)
    assert.equal(plan.adopted, 1)
    assert.deepEqual(plan.items, [])
    assert.deepEqual(
      plan.refused.map((r) => [r.qboId, r.code]),
      [['30', 'CHANGED_IN_QBO']],
    )
    assert.match(plan.refused[0]!.message, /SyncToken 0 → 2; differs from what was loaded in CustomerMemo\)/)
    assert.deepEqual(plan.gone.map((g) => [g.qboId, g.code]).sort(), [
      ['10', 'ALREADY_INACTIVE'],
      ['31', 'GONE_FROM_QBO'],
    ])
    const forced = planUndo(entries, current, written, {force: true})
    assert.deepEqual(
      forced.items.map((i) => [i.qboId, i.syncToken]),
      [['30', '2']],
    )
  })
})

describe('InUse', () => {
  it('keeps what a kept record refers to, and what that refers to in turn', () => {
    const current = company({
      Invoice: [
        {
          Id: '30',
          CustomerRef: {value: '10'},
          Line: [{SalesItemLineDetail: {ItemRef: {value: '20'}, TaxCodeRef: {value: '5'}}}],
        },
      ],
      Customer: [{Id: '10', SalesTermRef: {value: '3'}, ParentRef: {value: '11'}}],
      Item: [{Id: '20', IncomeAccountRef: {value: '1'}}],
    })
    const inUse = new InUse(current)
    inUse.keep('Invoice', '30')
    for (const [entity, id] of [
      ['Customer', '10'],
      ['Customer', '11'],
      ['Term', '3'],
      ['Item', '20'],
      ['Account', '1'],
    ] as const)
      assert.ok(inUse.has(entity, id), `${entity} ${id} kept`)
    assert.ok(!inUse.has('Account', '10'), 'ids are per entity')
    assert.ok(!inUse.has('TaxCode', '5') && !inUse.has('Item', '5'))
  })
})

describe('keepWhatStays', () => {
  it("undoing one run leaves the customers another run's invoices still use", () => {
    const customer = entry('Customer', 'C', '10', {runId: 'load-1'})
    const other = entry('Customer', 'D', '11', {runId: 'load-1'})
    const later = entry('Invoice', 'INV', '30', {runId: 'load-2'})
    const current = company({
      Customer: [
        {Id: '10', SyncToken: '0', Active: true},
        {Id: '11', SyncToken: '0', Active: true},
      ],
      Invoice: [{Id: '30', SyncToken: '0', CustomerRef: {value: '10'}}],
    })
    const plan = planUndo([customer, other], current, () => undefined)
    const inUse = keepWhatStays(plan, [customer, other, later], current)
    assert.deepEqual(
      plan.items.map((i) => i.qboId),
      ['11'],
    )
    assert.deepEqual(
      plan.refused.map((r) => [r.qboId, r.code]),
      [['10', 'IN_USE']],
    )
    assert.ok(inUse.has('Invoice', '30'))
  })
})
