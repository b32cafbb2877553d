import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {applyCorrections, type CorrectionItem} from '../../src/load/corrections.js'
import {recordCreated} from '../../src/load/landed.js'
import {emptyReport} from '../../src/load/outbox/writer.js'
import {
  type BatchItemOutcome,
  type BatchWriteItem,
  type QboWritePort,
  WriteOutcomeUnknown,
} from '../../src/load/port.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempStaging} from '../helpers/temp.js'
import {testResolver, VirtualClock} from './fake-qbo.js'

type Rec = Record<string, unknown>

/** QBO keeps a reference's value and drops its type (a Deposit line's Entity comes back without it). */
function asQboAnswers(v: Rec): Rec {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk)
    if (x && typeof x === 'object') {
      const o = x as Rec
      if (typeof o.value === 'string') return {value: o.value}
      return Object.fromEntries(Object.entries(o).map(([k, y]) => [k, walk(y)]))
    }
    return x
  }
  return walk(v) as Rec
}

/**
 * QBO's update rules as corrections meet them: a sparse update merges the fields sent and moves the
 * SyncToken; an update carrying an older SyncToken is refused with 5010. No requestid replay (the harder
 * case). `beforeWrite` lets someone else write the record just before ours arrives; `loseNextAnswer`
 * applies a batch and loses its answer.
 */
class UpdatingQbo implements QboWritePort {
  readonly realmId = 'R1'
  readonly inFlightWindowMs = 150_000
  readonly records = new Map<string, Rec>()
  readonly sent: BatchWriteItem[] = []
  beforeWrite?: (item: BatchWriteItem) => void
  loseNextAnswer = false

  constructor(private readonly clock: VirtualClock) {}

  async writeBatch(_requestId: string, items: readonly BatchWriteItem[], onSend: () => void) {
    onSend()
    const out: BatchItemOutcome[] = []
    for (const item of items) {
      this.beforeWrite?.(item)
      this.sent.push(item)
      const body = item.payload
      const key = `${item.entity}:${String(body.Id)}`
      const current = this.records.get(key)
      if (!current) {
        out.push({bId: item.bId, ok: false, fault: {code: '610', message: 'Object Not Found'}})
      } else if (String(body.SyncToken) !== current.SyncToken) {
        out.push({bId: item.bId, ok: false, fault: {code: '5010', message: 'Stale Object Error'}})
      } else {
        const {sparse: _sparse, SyncToken: _token, ...fields} = body
        const next = {...current, ...asQboAnswers(fields), SyncToken: String(Number(current.SyncToken) + 1)}
        this.records.set(key, next)
        out.push({bId: item.bId, ok: true, id: String(body.Id), syncToken: next.SyncToken})
      }
    }
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false
      throw new WriteOutcomeUnknown('socket hang up after commit', this.clock.now() + this.inFlightWindowMs)
    }
    return out
  }

  /** Someone else's write in QBO: the fields change and the SyncToken moves. */
  edit(entity: string, id: string, fields: Rec): void {
    const key = `${entity}:${id}`
    const r = this.records.get(key)!
    this.records.set(key, {...r, ...fields, SyncToken: String(Number(r.SyncToken) + 1)})
  }

  async findExisting() {
    return []
  }

  async readRecord(entity: string, id: string) {
    const r = this.records.get(`${entity}:${id}`)
    return r ? {...r} : undefined
  }

  async markedRecords() {
    return []
  }
}

const LOADED = {
  DocNumber: 'B-1',
  VendorRef: {value: '7'},
  Line: [
    {Amount: 100, AccountBasedExpenseLineDetail: {AccountRef: {value: '60'}, TaxCodeRef: {value: '29'}}},
  ],
  TxnTaxDetail: {TotalTax: 10},
}
const REMAPPED = {
  ...LOADED,
  Line: [
    {Amount: 100, AccountBasedExpenseLineDetail: {AccountRef: {value: '60'}, TaxCodeRef: {value: '31'}}},
  ],
}

function setup(t: Parameters<typeof tempStaging>[0]) {
  const {staging} = tempStaging(t)
  const clock = new VirtualClock()
  const qbo = new UpdatingQbo(clock)
  // QBO answers with more than it was sent: names on references.
  qbo.records.set('Bill:900', {...LOADED, VendorRef: {value: '7', name: 'Acme'}, Id: '900', SyncToken: '0'})
  const load = staging.runs.start({kind: 'load', realmId: qbo.realmId})
  recordCreated(
    staging,
    qbo.realmId,
    load.id,
    {entity: 'Bill', sourceSystem: 'xero-csv', sourceId: 'B-1', payload: LOADED},
    {
      id: '900',
      syncToken: '0',
    },
  )
  const run = staging.runs.start({kind: 'load', realmId: qbo.realmId})
  const deps = {
    staging,
    port: qbo,
    resolveRefs: testResolver,
    logger: silentLogger,
    now: clock.now,
    sleep: clock.sleep,
    report: emptyReport(),
  }
  const item: CorrectionItem = {
    entity: 'Bill',
    sourceSystem: 'xero-csv',
    sourceId: 'B-1',
    payload: REMAPPED,
    step: 300,
    qboId: '900',
  }
  const correct = (force = false) =>
    applyCorrections(deps, [item], {runId: run.id, batchSize: 30, ...(force ? {force: true} : {})})
  const parked = () => staging.parked.list(run.id).map((p) => p.faultCode)
  return {staging, qbo, correct, parked, run, item}
}

describe('applyCorrections', () => {
  it('sends only the changed field (the whole Line array, with its tax) by sparse update; a second run writes nothing', async (t) => {
    const {staging, qbo, correct, parked} = setup(t)
    assert.deepEqual(await correct(), {Bill: {updated: 1, replaced: 0, unchanged: 0, parked: 0}})
    assert.deepEqual(
      qbo.sent.map((s) => [s.operation, Object.keys(s.payload).sort()]),
      [['update', ['Id', 'Line', 'SyncToken', 'TxnTaxDetail', 'sparse']]],
    )
    assert.equal(qbo.records.get('Bill:900')!.SyncToken, '1')
    assert.deepEqual(staging.idMap.payload('R1', 'Bill', 'xero-csv', 'B-1'), REMAPPED)
    assert.equal(staging.idMap.get('R1', 'Bill', 'xero-csv', 'B-1')!.syncToken, '1')
    assert.deepEqual(parked(), [])
    assert.deepEqual(await correct(), {Bill: {updated: 0, replaced: 0, unchanged: 1, parked: 0}})
    assert.equal(qbo.sent.length, 1)
  })

  it('a stale object (someone wrote another field between our read and our write) is read again and corrected', async (t) => {
    const {qbo, correct, parked} = setup(t)
    let edits = 0
    qbo.beforeWrite = (item) => {
      if (edits++ === 0) qbo.edit('Bill', String(item.payload.Id), {PrivateNote: 'checked by the bookkeeper'})
    }
    assert.deepEqual(await correct(), {Bill: {updated: 1, replaced: 0, unchanged: 0, parked: 0}})
    assert.deepEqual(parked(), [], 'no stale-object failure left')
    const bill = qbo.records.get('Bill:900')!
    assert.equal(bill.PrivateNote, 'checked by the bookkeeper', 'their change kept')
    assert.deepEqual(bill.Line, REMAPPED.Line, 'ours applied')
  })

  it('a field someone changed in QBO after the load is not overwritten unless forced', async (t) => {
    const {qbo, correct, parked} = setup(t)
    qbo.edit('Bill', '900', {Line: [{Amount: 120}]})
    assert.deepEqual(await correct(), {Bill: {updated: 0, replaced: 0, unchanged: 0, parked: 1}})
    assert.deepEqual(parked(), ['CHANGED_IN_QBO'])
    assert.equal(qbo.sent.length, 0)
    assert.deepEqual(await correct(true), {Bill: {updated: 1, replaced: 0, unchanged: 0, parked: 0}})
    assert.deepEqual(qbo.records.get('Bill:900')!.Line, REMAPPED.Line)
  })

  it('an update whose answer was lost is found in QBO once it cannot be in flight, and not sent again', async (t) => {
    const {staging, qbo, correct, parked, item} = setup(t)
    // A line QBO answers in its own shape (the reference's type dropped) still counts as what was written.
    const withEntity = {
      ...REMAPPED,
      Line: [{...REMAPPED.Line[0], Entity: {value: '97', type: 'Customer'}}],
    }
    item.payload = withEntity
    qbo.loseNextAnswer = true
    assert.deepEqual(await correct(), {Bill: {updated: 1, replaced: 0, unchanged: 0, parked: 0}})
    assert.equal(qbo.sent.length, 1)
    assert.equal(qbo.records.get('Bill:900')!.SyncToken, '1')
    assert.deepEqual(staging.idMap.payload('R1', 'Bill', 'xero-csv', 'B-1'), withEntity)
    assert.deepEqual(parked(), [])
  })
})
