import assert from 'node:assert/strict'
import {existsSync} from 'node:fs'
import {test} from 'node:test'

import {startXeroEmulator} from '../../../../src/emulator/xero/index.js'
import {XeroApiAdapter} from '../../../../src/sources/xero-api/index.js'
import {xeroizerCompany} from '../../../fixtures/xeroizer-json.js'
import {tempStaging} from '../../../helpers/temp.js'
import {emulatorTokens, stageAll} from './driver.js'

const STUBS = '../shared/realworld/waynerobinson-xeroizer/test/stub_responses'

test(
  'real Xero demo-company responses (xeroizer, XML turned into API JSON) extract without error',
  {skip: existsSync(STUBS) ? false : `${STUBS} is absent`},
  async (t) => {
    const company = xeroizerCompany(STUBS)
    assert.ok((company.Invoices ?? []).length > 50)
    const emulator = await startXeroEmulator({company})
    t.after(() => emulator.close())
    const {staging} = tempStaging(t)
    const adapter = new XeroApiAdapter({
      tokens: emulatorTokens(emulator.url, emulator.tenantId),
      baseUrl: emulator.url,
    })
    await stageAll(adapter, staging)
    const counts = staging.staged.countsByKind()
    const docs = (counts.invoice ?? 0) + (counts.bill ?? 0)
    // Every invoice is staged, deleted, or named in a note with its reason: none vanishes.
    const deleted = company.Invoices!.filter((i) => i.Status === 'DELETED').length
    const noted = adapter.notes.filter((n) => n.startsWith('Xero Invoices ') || n.startsWith('Invoices '))
    for (const note of adapter.notes) t.diagnostic(note)
    assert.equal(docs + noted.length, company.Invoices!.length - deleted)
    for (const invoice of company.Invoices!) {
      const id = invoice.InvoiceID as string
      const staged =
        staging.staged.get('xero-api', 'invoice', id) ?? staging.staged.get('xero-api', 'bill', id)
      assert.ok(staged || invoice.Status === 'DELETED' || noted.some((n) => n.includes(id)), id)
    }
    // Issue 26: every prepayment, overpayment and transfer is staged or a note with its reason; both counts listed.
    for (const [collection, idField, kinds] of [
      ['Prepayments', 'PrepaymentID', ['payment', 'billPayment']],
      ['Overpayments', 'OverpaymentID', ['payment', 'billPayment']],
      ['BankTransfers', 'BankTransferID', ['bankTransfer']],
    ] as const) {
      const all = (company[collection] ?? []).filter((r) => r.Status !== 'DELETED' && r.Status !== 'VOIDED')
      const ids = all.map((r) => String(r[idField]))
      const stagedIds = ids.filter((id) => kinds.some((k) => staging.staged.get('xero-api', k, id)))
      const notedIds = ids.filter(
        (id) => !stagedIds.includes(id) && adapter.notes.some((n) => n.includes(id)),
      )
      t.diagnostic(
        `${collection}: ${ids.length} in the answer, ${stagedIds.length} staged, ${notedIds.length} not staged with a reason`,
      )
      assert.equal(stagedIds.length + notedIds.length, ids.length, collection)
    }
    assert.equal(counts.account, company.Accounts!.length)
    assert.equal(counts.contact, company.Contacts!.length)
    assert.ok((counts.payment ?? 0) + (counts.billPayment ?? 0) > 0)
    assert.ok((counts.creditNote ?? 0) + (counts.supplierCredit ?? 0) > 0)
    assert.ok((counts.manualJournal ?? 0) > 0)
    // A real 2011 invoice, checked by hand against invoices.xml: Melrose Parking bill 9871.
    const bill = staging.staged.get('xero-api', 'bill', '0032f627-3156-4d30-9b1c-4d3b994dc921')?.record as
      Record<string, unknown> | undefined
    assert.deepEqual(
      [bill?.date, bill?.dueDate, bill?.total, bill?.totalTax],
      ['2011-02-16', '2011-02-25', '148.50', '13.50'],
    )
  },
)
