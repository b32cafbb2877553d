import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {requestIdFor} from '../../src/domain/ids.js'
import {startQboEmulator} from '../../src/emulator/qbo/index.js'
import {clientWritePort} from '../../src/load/qbo-port.js'
import {select} from '../../src/qbo/query.js'
import {privateNoteMarker} from '../../src/domain/ids.js'
import {applyLoad, type StepItem} from '../../src/load/apply.js'
import {emptyReport} from '../../src/load/outbox/writer.js'
import type {RefResolver} from '../../src/load/port.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempStaging} from '../helpers/temp.js'
import {connectedClient} from '../qbo/helpers.js'

describe('the QBO write port', () => {
  it('loads two suppliers’ bills that carry the same number; our own invoice numbers stay unique', async (t) => {
    const emu = await startQboEmulator({})
    t.after(() => emu.close())
    const {client} = await connectedClient(t, emu.url, emu.realmId, {sleep: () => Promise.resolve()})
    const idOf = async (entity: string, name: string) => {
      const rows = await client.queryAll(select(entity).where('Name', '=', name))
      return String(rows[0]?.Id)
    }
    const port = clientWritePort(client)
    const [v1, v2] = await Promise.all(
      ['Paper Co', 'Ink Co'].map(async (name) =>
        String((await client.create('Vendor', {DisplayName: name}, {requestId: requestIdFor('v', name)})).Id),
      ),
    )
    const expense = await idOf('Account', 'Office expenses')
    const gstIn = await idOf('TaxCode', 'GST on non-capital')
    const bill = (vendor: string) => ({
      VendorRef: {value: vendor},
      DocNumber: '1001',
      Line: [
        {
          DetailType: 'AccountBasedExpenseLineDetail',
          Amount: 100,
          AccountBasedExpenseLineDetail: {AccountRef: {value: expense}, TaxCodeRef: {value: gstIn}},
        },
      ],
    })
    const {staging} = tempStaging(t)
    const run = staging.runs.start({kind: 'load', realmId: port.realmId})
    const deps = {
      staging,
      port,
      resolveRefs: ((payload) => ({payload, unresolved: []})) as RefResolver,
      logger: silentLogger,
      now: Date.now,
      sleep: () => Promise.resolve(),
      report: emptyReport(),
    }
    const doc = (
      entity: 'Bill' | 'Invoice',
      sourceId: string,
      payload: Record<string, unknown>,
    ): StepItem => ({
      entity,
      sourceSystem: 'myob',
      sourceId,
      payload: {...payload, PrivateNote: privateNoteMarker('myob', sourceId)},
      step: 300,
    })
    const bills = await applyLoad(deps, [doc('Bill', 'B1', bill(v1!)), doc('Bill', 'B2', bill(v2!))], {
      runId: run.id,
      batchSize: 30,
    })
    assert.deepEqual(
      bills.entities.Bill,
      {created: 2, adopted: 0, skipped: 0, parked: 0},
      JSON.stringify(bills),
    )

    const customer = String(
      (await client.create('Customer', {DisplayName: 'Cafe'}, {requestId: requestIdFor('c', 'Cafe')})).Id,
    )
    const gst = await idOf('TaxCode', 'GST')
    const invoice = {
      CustomerRef: {value: customer},
      DocNumber: 'INV-1',
      Line: [
        {DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: {TaxCodeRef: {value: gst}}},
      ],
    }
    const invoices = await applyLoad(deps, [doc('Invoice', 'I1', invoice), doc('Invoice', 'I2', invoice)], {
      runId: run.id,
      batchSize: 30,
    })
    assert.equal(invoices.entities.Invoice?.created, 1)
    assert.deepEqual(
      invoices.parked.map((p) => p.faultCode),
      ['6140'],
    )
  })
})
