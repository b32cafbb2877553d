// The load's result files say which record each row is, as the accountant knows it (#17).
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'

import {parse} from 'csv-parse/sync'

import {writeResultFiles} from '../../src/load/results.js'
import {tempStaging} from '../helpers/temp.js'

test('written and parked rows carry type, number, date, contact and amount, the outcome, the QBO id or the fault', (t) => {
  const {staging, path} = tempStaging(t)
  staging.staged.upsert('myob', 'contact', 'C1', {
    id: 'C1',
    name: 'Taylor Security Group',
    isIndividual: false,
  })
  staging.staged.upsert('myob', 'invoice', 'I1', {
    id: 'I1',
    number: 'INV-0042',
    contactId: 'C1',
    contactName: 'Taylor Security Group',
    date: '2023-07-09',
    total: '1100.00',
  })
  // A payment names its contact by id only: the file shows the name.
  staging.staged.upsert('myob', 'payment', 'P1', {
    id: 'P1',
    reference: 'RCPT-7',
    contactId: 'C1',
    date: '2023-07-20',
    amount: '550.00',
  })
  const run = staging.runs.start({kind: 'load', realmId: 'R1'})
  staging.idMap.put({
    realmId: 'R1',
    entity: 'Customer',
    sourceSystem: 'myob',
    sourceId: 'C1',
    qboId: '58',
    syncToken: '0',
    how: 'adopted',
    runId: run.id,
  })
  staging.idMap.put({
    realmId: 'R1',
    entity: 'Invoice',
    sourceSystem: 'myob',
    sourceId: 'I1',
    qboId: '130',
    syncToken: '0',
    how: 'created',
    runId: run.id,
  })
  staging.parked.park({
    runId: run.id,
    entity: 'Payment',
    sourceSystem: 'myob',
    sourceId: 'P1',
    faultCode: '6000',
    message: 'A business validation error',
    element: 'Line',
    suggestedFix: 'Check the invoice it pays',
  })

  const files = writeResultFiles(staging, path, run.id, 'R1')
  const rows = (file: string) =>
    parse(readFileSync(file, 'utf8'), {columns: true}) as Record<string, string>[]
  const written = rows(files.written)
  assert.deepEqual(
    written.find((r) => r.entity === 'Invoice'),
    {
      type: 'invoice',
      number: 'INV-0042',
      date: '2023-07-09',
      contact: 'Taylor Security Group',
      amount: '1100.00',
      entity: 'Invoice',
      outcome: 'created',
      qbo_id: '130',
      source_system: 'myob',
      source_id: 'I1',
    },
  )
  assert.equal(written.find((r) => r.entity === 'Customer')?.contact, 'Taylor Security Group')
  assert.deepEqual(rows(files.parked), [
    {
      type: 'payment',
      number: 'RCPT-7',
      date: '2023-07-20',
      contact: 'Taylor Security Group',
      amount: '550.00',
      entity: 'Payment',
      outcome: 'parked',
      fault_code: '6000',
      message: 'A business validation error',
      element: 'Line',
      suggested_fix: 'Check the invoice it pays',
      source_system: 'myob',
      source_id: 'P1',
    },
  ])
})
