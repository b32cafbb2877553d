import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {requestIdFor} from '../../src/domain/ids.js'
import {startQboEmulator} from '../../src/emulator/qbo/index.js'
import {clientWritePort} from '../../src/load/qbo-port.js'
import {select} from '../../src/qbo/query.js'
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
    const bills = await port.createBatch('Bill', requestIdFor('bills'), [
      {bId: 'b1', payload: bill(v1!)},
      {bId: 'b2', payload: bill(v2!)},
    ])
    assert.deepEqual(
      bills.map((o) => o.ok),
      [true, true],
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
    const invoices = await port.createBatch('Invoice', requestIdFor('invoices'), [
      {bId: 'i1', payload: invoice},
      {bId: 'i2', payload: invoice},
    ])
    const refused = invoices.find((o) => !o.ok)
    assert.equal(invoices.filter((o) => o.ok).length, 1)
    assert.equal(refused && !refused.ok ? refused.fault.code : undefined, '6140')
  })
})
