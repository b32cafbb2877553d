import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {join} from 'node:path'

import {inTransaction, openStaging, schemaVersion} from '../../../src/staging/index.js'
import {MIGRATIONS} from '../../../src/staging/schema.js'
import {tempDir, tempStaging} from '../../helpers/temp.js'

const fixedClock = () => new Date('2026-01-02T03:04:05.000Z')

describe('staging database', () => {
  it('creates the schema once and reopens without migrating again', (t) => {
    const path = join(tempDir(t), 'm.db')
    const first = openStaging(path)
    assert.equal(schemaVersion(first.db), MIGRATIONS.length)
    assert.equal(first.db.pragma('journal_mode', {simple: true}), 'wal')
    assert.equal(first.db.pragma('foreign_keys', {simple: true}), 1)
    first.staged.upsert('xero-csv', 'contact', 'C1', {name: 'Acme'})
    first.close()
    const again = openStaging(path)
    t.after(() => again.close())
    assert.equal(schemaVersion(again.db), MIGRATIONS.length)
    assert.equal(again.staged.countsByKind().contact, 1)
  })

  it('stages a record once: the same content again is unchanged, new content is an update', (t) => {
    const {staging} = tempStaging(t, fixedClock)
    assert.equal(staging.staged.upsert('myob', 'contact', 'C1', {name: 'Acme', email: 'a@x.io'}), 'inserted')
    assert.equal(staging.staged.upsert('myob', 'contact', 'C1', {email: 'a@x.io', name: 'Acme'}), 'unchanged')
    assert.equal(
      staging.staged.upsert('myob', 'contact', 'C1', {name: 'Acme Pty Ltd', email: 'a@x.io'}),
      'updated',
    )
    assert.deepEqual(staging.staged.get('myob', 'contact', 'C1')?.record, {
      email: 'a@x.io',
      name: 'Acme Pty Ltd',
    })
    assert.equal(staging.staged.countsByKind().contact, 1)
  })

  it('iterates staged records in source id order', (t) => {
    const {staging} = tempStaging(t)
    for (const id of ['B', 'C', 'A']) staging.staged.upsert('xero-csv', 'invoice', id, {id})
    assert.deepEqual(
      [...staging.staged.iterate('invoice')].map((r) => r.sourceId),
      ['A', 'B', 'C'],
    )
  })

  it('rolls back a whole transaction when any part fails', (t) => {
    const {staging} = tempStaging(t)
    assert.throws(() =>
      inTransaction(staging.db, () => {
        staging.staged.upsert('xero-csv', 'contact', 'C1', {name: 'A'})
        throw new Error('file rejected half way')
      }),
    )
    assert.deepEqual(staging.staged.countsByKind(), {})
  })

  it('keeps user mappings over later suggestions', (t) => {
    const {staging} = tempStaging(t)
    staging.mappings.suggest('account', '200', 'Sales')
    staging.mappings.setByUser('account', '200', 'Sales of Product Income')
    staging.mappings.suggest('account', '200', 'Services')
    assert.equal(staging.mappings.get('account', '200')?.target, 'Sales of Product Income')
    assert.equal(staging.mappings.get('account', '200')?.origin, 'user')
  })

  it('tracks runs, outbox attempts, id map, checkpoints, parked records and decisions', (t) => {
    const {staging} = tempStaging(t, fixedClock)
    const run = staging.runs.start({kind: 'load', realmId: 'R1'})
    assert.equal(staging.runs.latest('load', {unfinishedOnly: true})?.id, run.id)

    const sent = {
      requestId: 'req-1',
      runId: run.id,
      realmId: 'R1',
      job: 'migration',
      entity: 'Customer',
      sourceSystem: 'xero-csv',
      sourceId: 'C1',
      operation: 'create' as const,
      payloadHash: 'h',
      batchId: 'batch-1',
      bid: 'b1',
      probeJson: '{"kind":"identity"}',
      payloadJson: '{"DisplayName":"C1"}',
    }
    staging.outbox.recordSent([sent], new Date('2026-01-01T00:02:30Z'))
    assert.deepEqual(
      staging.outbox
        .inDoubt('R1', 'migration')
        .map((o) => [o.requestId, o.state, o.attempts, o.inFlightUntil]),
      [['req-1', 'sent', 1, '2026-01-01T00:02:30.000Z']],
    )
    // A definite "did not land" moves the generation on; sending again counts an attempt, keeps the generation.
    staging.outbox.fail('req-1', 'NOT_LANDED')
    staging.outbox.recordSent([sent], new Date('2026-01-01T00:05:00Z'))
    staging.outbox.extendInFlight(['req-1'], new Date('2026-01-01T00:04:00Z'))
    assert.deepEqual([staging.outbox.get('req-1')?.attempts, staging.outbox.get('req-1')?.generation], [2, 1])
    assert.equal(
      staging.outbox.get('req-1')?.inFlightUntil,
      '2026-01-01T00:05:00.000Z',
      'never moved earlier',
    )

    inTransaction(staging.db, () => {
      staging.idMap.put({
        realmId: 'R1',
        entity: 'Customer',
        sourceSystem: 'xero-csv',
        sourceId: 'C1',
        qboId: '58',
        syncToken: '0',
        how: 'created',
        runId: run.id,
      })
      staging.outbox.succeed('req-1')
      staging.checkpoints.set(run.id, 'Customer', 'C1')
    })
    assert.deepEqual(staging.outbox.unresolved(run.id), [])
    assert.equal(
      staging.outbox.get('req-1')?.payloadJson,
      null,
      'the request is dropped once its outcome is known',
    )
    assert.equal(staging.idMap.get('R1', 'Customer', 'xero-csv', 'C1')?.qboId, '58')
    assert.deepEqual(staging.idMap.countsByEntity('R1'), {Customer: {created: 1, adopted: 0}})
    assert.equal(staging.checkpoints.get(run.id, 'Customer'), 'C1')

    staging.parked.park({
      runId: run.id,
      entity: 'Invoice',
      sourceSystem: 'xero-csv',
      sourceId: 'INV-1',
      faultCode: '6140',
      message: 'Duplicate Document Number Error',
      element: 'DocNumber',
      suggestedFix: 'Rename',
    })
    assert.deepEqual(staging.parked.countsByEntity(run.id), {Invoice: 1})
    staging.decisions.record({
      entity: 'Customer',
      sourceSystem: 'xero-csv',
      sourceId: 'C1',
      code: 'CONTACT_RENAMED',
      message: 'x',
      detail: {from: 'A', to: 'A (Customer)'},
    })
    assert.deepEqual(staging.decisions.list()[0]?.detail, {from: 'A', to: 'A (Customer)'})

    staging.runs.finish(run.id, 'finished', {ok: true})
    assert.equal(staging.runs.latest('load', {unfinishedOnly: true}), undefined)
  })

  it('refuses an outbox row for a run that does not exist (foreign keys are on)', (t) => {
    const {staging} = tempStaging(t)
    assert.throws(
      () =>
        staging.outbox.recordSent(
          [
            {
              requestId: 'r',
              runId: 'nope',
              realmId: 'R',
              job: 'migration',
              entity: 'Customer',
              sourceSystem: 'x',
              sourceId: 's',
              operation: 'create',
              payloadHash: 'h',
              batchId: null,
              bid: null,
              probeJson: null,
              payloadJson: '{}',
            },
          ],
          new Date(),
        ),
      /FOREIGN KEY/,
    )
  })
})
