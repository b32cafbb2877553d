import assert from 'node:assert/strict'
import {test} from 'node:test'

import {loadXeroCompany, startXeroEmulator} from '../../../../src/emulator/xero/index.js'
import {XeroApiAdapter} from '../../../../src/sources/xero-api/index.js'
import {EmbeddedPaymentCheck} from '../../../../src/sources/xero-api/embedded-payments.js'
import {tempStaging} from '../../../helpers/temp.js'
import {emulatorTokens, stageAll} from './driver.js'

const invoice = (payments?: unknown[]) => ({
  invoiceID: 'inv-1',
  invoiceNumber: 'INV-1',
  ...(payments ? {payments} : {}),
})

test('a payment an invoice lists but GET Payments did not return is named, once both were read whole', () => {
  const check = new EmbeddedPaymentCheck()
  check.observe('Invoices', [
    invoice([
      {paymentID: 'p1', amount: 10},
      {paymentID: 'p2', amount: 5.5, date: new Date(Date.UTC(2024, 6, 2))},
    ]),
  ])
  check.observe('Payments', [{paymentID: 'p1'}])
  assert.deepEqual(check.gaps(), [], 'nothing is claimed before both collections were read whole')
  check.readWhole('Invoices')
  check.readWhole('Payments')
  const gaps = check.gaps()
  assert.equal(gaps.length, 1)
  assert.match(
    gaps[0]!,
    /^Payments p2 \(5\.50 on 2024-07-02\) is listed on invoice INV-1 inv-1 but GET Payments did not return it/,
  )
})

test('invoices without their payment list (older answers, summaryOnly) check nothing and break nothing', () => {
  const check = new EmbeddedPaymentCheck()
  check.readWhole('Invoices')
  check.readWhole('Payments')
  check.observe('Invoices', [invoice(), {not: 'an invoice'}])
  check.observe('Payments', [{paymentID: 'p1'}])
  assert.deepEqual(check.gaps(), [])
})

test('the extract reads the payments the emulator embeds in invoices and names one GET Payments lacks', async (t) => {
  const company = loadXeroCompany('test/fixtures/xero-api')
  const extract = async (since?: Date) => {
    const emulator = await startXeroEmulator({company})
    t.after(() => emulator.close())
    const {staging} = tempStaging(t)
    const adapter = new XeroApiAdapter({
      tokens: emulatorTokens(emulator.url, emulator.tenantId),
      baseUrl: emulator.url,
      ...(since ? {since} : {}),
    })
    await stageAll(adapter, staging)
    return adapter.notes.filter((n) => n.includes('GET Payments did not return'))
  }
  // Every payment the invoices list (derived from Payments.json) came back from GET Payments.
  assert.deepEqual(await extract(), [])
  const paid = company.Invoices!.find((i) => i.Status === 'PAID' && i.Type === 'ACCREC')!
  paid.Payments = [
    {PaymentID: 'f0000000-0000-4000-8000-0000000000aa', Amount: 12.5, Date: '/Date(1719792000000+0000)/'},
  ]
  const notes = await extract()
  assert.equal(notes.length, 1)
  assert.match(
    notes[0]!,
    new RegExp(
      `f0000000-0000-4000-8000-0000000000aa \\(12\\.50 on 2024-07-01\\) is listed on invoice ${paid.InvoiceNumber} ${paid.InvoiceID}`,
    ),
  )
  // An incremental extract reads only what changed, so it cannot tell.
  assert.deepEqual(await extract(new Date('2000-01-01T00:00:00Z')), [])
})
