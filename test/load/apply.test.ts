import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {privateNoteMarker} from '../../src/domain/ids.js'
import {applyLoad} from '../../src/load/apply.js'
import type {LoadItem} from '../../src/load/port.js'
import {RetryableError} from '../../src/domain/errors.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempStaging} from '../helpers/temp.js'
import {FakeQbo, testResolver} from './fake-qbo.js'

function company(customers: number, invoicesPerCustomer: number): LoadItem[] {
  const items: LoadItem[] = []
  for (let c = 1; c <= customers; c++) {
    items.push({
      entity: 'Customer',
      sourceSystem: 'xero-csv',
      sourceId: `C${c}`,
      payload: {DisplayName: `Customer ${c}`},
    })
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
      })
    }
  }
  return items
}

function setup(t: Parameters<typeof tempStaging>[0]) {
  const {staging} = tempStaging(t)
  const qbo = new FakeQbo()
  const run = staging.runs.start({kind: 'load', realmId: qbo.realmId})
  const deps = {staging, port: qbo, resolveRefs: testResolver, logger: silentLogger}
  return {staging, qbo, run, deps}
}

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

  it('retries an item after a retryable fault and creates it once', async (t) => {
    const {qbo, run, deps} = setup(t)
    qbo.faultFor.set('INV-1-1', {
      fault: {code: '10000', message: 'An application error has occurred'},
      times: 1,
    })
    const result = await applyLoad(deps, company(1, 3), {runId: run.id, batchSize: 30})
    assert.deepEqual(result.entities.Invoice, {created: 3, adopted: 0, skipped: 0, parked: 0})
    assert.equal(qbo.count('Invoice'), 3)
  })

  it('after a lost answer, resumes by looking the writes up: nothing is written twice', async (t) => {
    const {qbo, run, deps, staging} = setup(t)
    const items = company(4, 10)
    qbo.loseAnswers = 1
    await applyLoad(deps, items, {runId: run.id, batchSize: 30}).then(
      () => assert.fail('expected the load to stop'),
      (e: unknown) => assert.ok(e instanceof RetryableError && /--resume/.test(e.next)),
    )
    assert.equal(qbo.count('Customer'), 4, 'the batch was committed although its answer was lost')
    assert.equal(staging.outbox.unresolvedForRealm('R1').length, 4)
    const resumed = await applyLoad(deps, items, {runId: run.id, batchSize: 30})
    assert.equal(resumed.recoveredUnknown.adopted, 4)
    assert.equal(qbo.count('Customer'), 4)
    assert.equal(qbo.count('Invoice'), 40)
    assert.deepEqual(staging.outbox.unresolvedForRealm('R1'), [])
  })

  it('after a request that never arrived, sends it again on resume', async (t) => {
    const {qbo, run, deps} = setup(t)
    const items = company(2, 2)
    qbo.failBeforeCommit = 1
    await assert.rejects(applyLoad(deps, items, {runId: run.id, batchSize: 30}), RetryableError)
    const resumed = await applyLoad(deps, items, {runId: run.id, batchSize: 30})
    assert.equal(resumed.recoveredUnknown.notFound, 2)
    assert.equal(qbo.count('Customer'), 2)
    assert.equal(qbo.count('Invoice'), 4)
  })

  it('adopts a customer QBO already holds under the same name instead of parking it', async (t) => {
    const {qbo, run, deps, staging} = setup(t)
    await qbo.createBatch('Customer', 'pre', [{bId: 'b1', payload: {DisplayName: 'Customer 1'}}])
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
})
