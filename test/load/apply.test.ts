import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Account, CanonicalRecord} from '../../src/domain/canonical.js'
import {privateNoteMarker} from '../../src/domain/ids.js'
import {resolveRefs} from '../../src/mappers/index.js'
import {applyLoad, type StepItem} from '../../src/load/apply.js'
import {migrationLanded} from '../../src/load/landed.js'
import {settleInDoubt} from '../../src/load/outbox/settle.js'
import {emptyReport, type WriterDeps} from '../../src/load/outbox/writer.js'
import {buildPlan} from '../../src/load/plan.js'
import type {RefResolver} from '../../src/load/port.js'
import {silentLogger} from '../../src/ui/logger.js'
import {companyContext} from '../mappers/helpers.js'
import {tempStaging} from '../helpers/temp.js'
import {FakeQbo, testResolver, VirtualClock} from './fake-qbo.js'

/** Customers in one step, their invoices in the next, as the plan orders them. */
function company(customers: number, invoicesPerCustomer: number): StepItem[] {
  const items: StepItem[] = []
  for (let c = 1; c <= customers; c++) {
    items.push({
      entity: 'Customer',
      sourceSystem: 'xero-csv',
      sourceId: `C${c}`,
      payload: {DisplayName: `Customer ${c}`},
      step: 100,
    })
  }
  for (let c = 1; c <= customers; c++) {
    for (let i = 1; i <= invoicesPerCustomer; i++) {
      const id = `INV-${c}-${i}`
      items.push({
        entity: 'Invoice',
        sourceSystem: 'xero-csv',
        sourceId: id,
        payload: {
          DocNumber: id,
          TxnDate: '2024-07-01',
          CustomerRef: {$ref: {entity: 'Customer', sourceId: `C${c}`}},
          PrivateNote: privateNoteMarker('xero-csv', id),
          Line: [{Amount: 10, DetailType: 'SalesItemLineDetail'}],
        },
        step: 300,
      })
    }
  }
  return items
}

function setup(t: Parameters<typeof tempStaging>[0], resolver: RefResolver = testResolver) {
  const {staging} = tempStaging(t)
  const clock = new VirtualClock()
  const qbo = new FakeQbo(clock)
  const run = staging.runs.start({kind: 'load', realmId: qbo.realmId})
  const report = emptyReport()
  const deps = {
    staging,
    port: qbo,
    resolveRefs: resolver,
    logger: silentLogger,
    now: clock.now,
    sleep: clock.sleep,
    report,
  }
  const writer: WriterDeps = {
    staging,
    port: qbo,
    job: 'migration',
    runId: run.id,
    now: clock.now,
    sleep: clock.sleep,
    logger: silentLogger,
    report,
    onLanded: migrationLanded(staging, qbo.realmId, run.id),
  }
  /** What a load does: settle writes left without an answer, then apply the plan. */
  const load = async (items: StepItem[]) => {
    await settleInDoubt(writer)
    return applyLoad(deps, items, {runId: run.id, batchSize: 30})
  }
  return {staging, qbo, run, deps, clock, report, load}
}

const markers = (qbo: FakeQbo, entity: string) =>
  qbo.records.filter((r) => r.entity === entity).map((r) => String(r.payload.PrivateNote))

describe('applyLoad', () => {
  it('creates every record once, in dependency order, and a second load writes nothing', async (t) => {
    const {qbo, run, deps} = setup(t)
    const items = company(7, 5)
    const first = await applyLoad(deps, items, {runId: run.id, batchSize: 30})
    assert.deepEqual(first.entities.Customer, {created: 7, adopted: 0, skipped: 0, parked: 0})
    assert.deepEqual(first.entities.Invoice, {created: 35, adopted: 0, skipped: 0, parked: 0})
    assert.equal(qbo.batchesSent, 1 + 2)
    const customerIds = new Set(qbo.records.filter((r) => r.entity === 'Customer').map((r) => r.id))
    for (const inv of qbo.records.filter((r) => r.entity === 'Invoice')) {
      assert.ok(
        customerIds.has((inv.payload.CustomerRef as {value: string}).value),
        'invoice refers to a created customer',
      )
    }
    const sent = qbo.batchesSent
    const second = await applyLoad(deps, items, {runId: run.id, batchSize: 30})
    assert.equal(qbo.batchesSent, sent)
    assert.deepEqual(second.entities.Invoice, {created: 0, adopted: 0, skipped: 35, parked: 0})
  })

  it("runs the plan's steps: a parent and its child never share a batch, so both load in one run", async (t) => {
    const acct = (id: string, over: Partial<Account>): CanonicalRecord => ({
      kind: 'account',
      record: {
        id,
        code: id,
        name: id,
        type: 'expense',
        sourceType: 'Expense',
        class: 'expense',
        isHeader: false,
        active: true,
        ...over,
      },
    })
    const {ctx, records} = companyContext({
      system: 'myob',
      records: [
        acct('6-1100', {parentId: '6-1000'}),
        acct('6-1000', {isHeader: true, parentId: '6-0000'}),
        acct('6-0000', {isHeader: true}),
      ],
    })
    const plan = buildPlan(records, ctx)
    const items: StepItem[] = plan.records
      .filter((r) => r.action === 'create')
      .map((r) => ({
        entity: r.entity,
        sourceSystem: 'myob',
        sourceId: r.sourceId,
        payload: r.payload!,
        step: r.step,
      }))
    const resolver: RefResolver = (payload, lookup) => resolveRefs(payload, (e, id) => lookup(e, 'myob', id))
    const {qbo, run, deps} = setup(t, resolver)
    const result = await applyLoad(deps, items, {runId: run.id, batchSize: 30})
    assert.deepEqual(result.parked, [])
    assert.equal(result.entities.Account?.created, 3)
    const byName = new Map(qbo.records.map((r) => [String(r.payload.Name), r]))
    const child = byName.get('6-1100')
    assert.equal((child?.payload.ParentRef as {value: string}).value, byName.get('6-1000')?.id)

    // A customer and its sub-customer, stepped as the plan steps records of one entity that refer to each other.
    const customers: StepItem[] = [
      {
        entity: 'Customer',
        sourceSystem: 'xero-csv',
        sourceId: 'P',
        payload: {DisplayName: 'Parent'},
        step: 100,
      },
      {
        entity: 'Customer',
        sourceSystem: 'xero-csv',
        sourceId: 'S',
        payload: {DisplayName: 'Sub', ParentRef: {$ref: {entity: 'Customer', sourceId: 'P'}}},
        step: 101,
      },
    ]
    const second = setup(t)
    const r2 = await applyLoad(second.deps, customers, {runId: second.run.id, batchSize: 30})
    assert.deepEqual(r2.parked, [])
    assert.equal(r2.entities.Customer?.created, 2)
  })

  it('parks a refused item without stopping its batch, and parks what depends on it', async (t) => {
    const {qbo, run, deps, staging} = setup(t)
    qbo.faultFor.set('Customer 2', {
      fault: {
        code: '2020',
        message: 'Required param missing',
        detail: 'Required parameter X is missing',
        element: 'X',
      },
      times: 99,
    })
    const result = await applyLoad(deps, company(3, 2), {runId: run.id, batchSize: 30})
    assert.deepEqual(result.entities.Customer, {created: 2, adopted: 0, skipped: 0, parked: 1})
    assert.deepEqual(result.entities.Invoice, {created: 4, adopted: 0, skipped: 0, parked: 2})
    const parked = staging.parked.list(run.id)
    assert.deepEqual(parked.map((p) => [p.sourceId, p.faultCode]).sort(), [
      ['C2', '2020'],
      ['INV-2-1', 'DEPENDENCY_NOT_LOADED'],
      ['INV-2-2', 'DEPENDENCY_NOT_LOADED'],
    ])
    assert.equal(parked.find((p) => p.sourceId === 'C2')?.element, 'X')
  })

  it('retries an item after a retryable fault, as a new request, and creates it once', async (t) => {
    const {qbo, run, deps} = setup(t)
    qbo.faultFor.set('INV-1-1', {
      fault: {code: '10000', message: 'An application error has occurred'},
      times: 1,
    })
    const result = await applyLoad(deps, company(1, 3), {runId: run.id, batchSize: 30})
    assert.deepEqual(result.entities.Invoice, {created: 3, adopted: 0, skipped: 0, parked: 0})
    assert.equal(qbo.count('Invoice'), 3)
    // The retry is a new request: the same requestid would only replay the fault.
    assert.equal(new Set(qbo.requestIds).size, qbo.requestIds.length)
  })

  it('after a lost answer, waits until the write cannot be in flight, finds it and goes on', async (t) => {
    const {qbo, run, deps, staging, clock, report} = setup(t)
    qbo.loseAnswers = 1
    const result = await applyLoad(deps, company(4, 10), {runId: run.id, batchSize: 30})
    assert.equal(result.entities.Customer?.created, 4)
    assert.equal(qbo.count('Customer'), 4)
    assert.equal(qbo.count('Invoice'), 40)
    assert.equal(report.found, 4)
    assert.ok(clock.slept >= qbo.inFlightWindowMs - 1000, `waited ${clock.slept} ms`)
    assert.deepEqual(staging.outbox.unresolved(run.id), [])
  })

  it('a batch QBO is still processing is never sent again under another identity: no duplicates', async (t) => {
    const {qbo, run, deps, report} = setup(t)
    // QBO holds the first invoice batch for 10 s and then applies it; the client gave up at once.
    qbo.holdNext = 0
    const items = company(2, 20)
    const customersFirst = await applyLoad(deps, items.slice(0, 2), {runId: run.id, batchSize: 30})
    assert.equal(customersFirst.entities.Customer?.created, 2)
    qbo.holdNext = 1
    const result = await applyLoad(deps, items, {runId: run.id, batchSize: 30})
    assert.equal(result.entities.Invoice?.created, 40)
    const invoiceMarkers = markers(qbo, 'Invoice')
    assert.equal(invoiceMarkers.length, 40)
    assert.equal(new Set(invoiceMarkers).size, 40, 'each invoice once')
    assert.equal(report.found, 30, 'the held batch was found once it could no longer be in flight')
  })

  it('an unanswered batch QBO never applied is sent again unchanged: same requestid, same bIds', async (t) => {
    const {qbo, run, deps, report} = setup(t)
    qbo.failBeforeCommit = 1
    const result = await applyLoad(deps, company(2, 2), {runId: run.id, batchSize: 30})
    assert.equal(result.entities.Customer?.created, 2)
    assert.equal(qbo.count('Customer'), 2)
    assert.equal(qbo.requestIds[0], qbo.requestIds[1], 'the resend is the same request')
    assert.equal(report.resent, 2)
  })

  it('a partly applied batch whose answer was lost: found writes kept, the rest sent as a new request', async (t) => {
    const {qbo, run, deps, report} = setup(t)
    qbo.faultFor.set('Customer 2', {fault: {code: '10000', message: 'An application error'}, times: 1})
    qbo.loseAnswers = 1
    const result = await applyLoad(deps, company(3, 0), {runId: run.id, batchSize: 30})
    assert.equal(result.entities.Customer?.created, 3)
    assert.equal(qbo.count('Customer'), 3)
    assert.deepEqual([report.found, report.notLanded], [2, 1])
  })

  it('killed with a batch in flight and resumed at once: waits, finds the held batch, writes nothing twice', async (t) => {
    const {qbo, run, deps, clock, load, staging} = setup(t)
    const items = company(2, 15)
    await applyLoad(deps, items.slice(0, 2), {runId: run.id, batchSize: 30})
    // The process dies while QBO holds its invoice batch: the promise never settles, the outbox says 'sent'.
    qbo.holdNext = 1
    const dead = {...deps, port: Object.create(qbo) as FakeQbo}
    dead.port.writeBatch = async (id, batch, onSend) => {
      await qbo.writeBatch(id, batch, onSend).catch(() => undefined)
      return new Promise(() => undefined)
    }
    void applyLoad(dead, items, {runId: run.id, batchSize: 30})
    await new Promise((r) => setImmediate(r))
    assert.equal(staging.outbox.unresolved(run.id).length, 30)
    const before = clock.t
    const resumed = await load(items)
    assert.ok(clock.t - before >= qbo.holdMs, 'the resume waited for the held request')
    assert.equal(resumed.entities.Invoice?.skipped, 30, 'the held batch was found and adopted')
    assert.equal(markers(qbo, 'Invoice').length, 30)
    assert.equal(new Set(markers(qbo, 'Invoice')).size, 30)
  })

  it('adopts a customer QBO already holds under the same name instead of parking it', async (t) => {
    const {qbo, run, deps, staging} = setup(t)
    await qbo.writeBatch(
      'pre',
      [{bId: 'b1', operation: 'create', entity: 'Customer', payload: {DisplayName: 'Customer 1'}}],
      () => undefined,
    )
    const result = await applyLoad(deps, company(2, 1), {runId: run.id, batchSize: 30})
    assert.deepEqual(result.entities.Customer, {created: 1, adopted: 1, skipped: 0, parked: 0})
    assert.equal(qbo.count('Customer'), 2)
    assert.equal(staging.idMap.get('R1', 'Customer', 'xero-csv', 'C1')?.how, 'adopted')
    assert.ok(staging.decisions.list().some((d) => d.code === 'ADOPTED_EXISTING' && d.sourceId === 'C1'))
  })

  it('loads only the entities asked for', async (t) => {
    const {qbo, run, deps} = setup(t)
    const result = await applyLoad(deps, company(2, 2), {
      runId: run.id,
      batchSize: 30,
      only: new Set(['Customer']),
    })
    assert.deepEqual(Object.keys(result.entities), ['Customer'])
    assert.equal(qbo.count('Invoice'), 0)
  })

  it('stops between batches when asked, resumable', async (t) => {
    const {run, deps, qbo} = setup(t)
    let batches = 0
    await assert.rejects(
      applyLoad({...deps, stopRequested: () => ++batches > 2}, company(2, 40), {
        runId: run.id,
        batchSize: 30,
      }),
      /stopped/,
    )
    assert.equal(qbo.batchesSent, 2)
  })
})
