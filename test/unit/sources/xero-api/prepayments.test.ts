import assert from 'node:assert/strict'
import {test} from 'node:test'

import {startXeroEmulator} from '../../../../src/emulator/xero/index.js'
import {readSourceSide} from '../../../../src/reconcile/source-side.js'
import {XeroApiAdapter} from '../../../../src/sources/xero-api/index.js'
import {PRE_IN, prepaymentsCompany, REFUND} from '../../../fixtures/xero-prepayments.js'
import {tempStaging} from '../../../helpers/temp.js'
import {emulatorTokens, stageAll} from './driver.js'

test('an incremental extract asks Xero for the bank transaction of a prepayment it did not read', async (t) => {
  const company = prepaymentsCompany()
  // The prepayment changed (a new allocation) after --since; its bank transaction did not.
  const old = '/Date(1704067200000+0000)/' // 2024-01-01
  const recent = '/Date(1722470400000+0000)/' // 2024-08-01
  for (const b of company.BankTransactions!) b.UpdatedDateUTC = old
  for (const p of company.Prepayments!) p.UpdatedDateUTC = p.PrepaymentID === PRE_IN ? recent : old
  const emulator = await startXeroEmulator({company, rateLimits: false})
  t.after(() => emulator.close())
  const {staging} = tempStaging(t)
  const adapter = new XeroApiAdapter({
    tokens: emulatorTokens(emulator.url, emulator.tenantId),
    baseUrl: emulator.url,
    since: new Date('2024-07-01T00:00:00Z'),
  })
  await stageAll(adapter, staging)
  const staged = staging.staged.get('xero-api', 'payment', PRE_IN)?.record as {bankAccountId?: string}
  assert.equal(staged?.bankAccountId, '090')
  assert.ok(!adapter.notes.some((n) => n.includes(PRE_IN)), adapter.notes.join('\n'))
})

test('a prepayment Xero has no bank transaction for is named with its reason, not staged', async (t) => {
  const company = prepaymentsCompany()
  company.BankTransactions = company.BankTransactions!.filter((b) => b.PrepaymentID !== PRE_IN)
  const emulator = await startXeroEmulator({company, rateLimits: false})
  t.after(() => emulator.close())
  const {staging} = tempStaging(t)
  const adapter = new XeroApiAdapter({
    tokens: emulatorTokens(emulator.url, emulator.tenantId),
    baseUrl: emulator.url,
  })
  await stageAll(adapter, staging)
  assert.equal(staging.staged.get('xero-api', 'payment', PRE_IN), undefined)
  assert.ok(
    adapter.notes.some((n) => n.includes(PRE_IN) && /no bank transaction for it/.test(n)),
    adapter.notes.join('\n'),
  )
  // A decision, so the reconciliation lists it as not migrated (and counts it in its match rate).
  const decision = staging.decisions.list().find((d) => d.sourceId === PRE_IN)
  assert.equal(decision?.code, 'NOT_STAGED')
  assert.equal(decision?.entity, 'Payment')
  const side = readSourceSide(staging, '2024-12-31')
  const listed = side.notCarried.get('Payment') ?? []
  assert.deepEqual(
    listed.map((n) => [n.doc.sourceId, n.doc.total, n.doc.date]),
    [[PRE_IN, '100.00', '2024-07-10']],
  )
  assert.match(listed[0]!.reason, /no bank transaction for it/)

  // Once an extract finds its bank transaction, the prepayment is staged and no longer listed.
  const full = prepaymentsCompany()
  const again = await startXeroEmulator({company: full, rateLimits: false})
  t.after(() => again.close())
  await stageAll(
    new XeroApiAdapter({tokens: emulatorTokens(again.url, again.tenantId), baseUrl: again.url}),
    staging,
  )
  assert.ok(staging.staged.get('xero-api', 'payment', PRE_IN))
  assert.equal(readSourceSide(staging, '2024-12-31').notCarried.get('Payment'), undefined)
})

test('a refund deleted in Xero is retracted from staging', async (t) => {
  const company = prepaymentsCompany()
  const first = await startXeroEmulator({company, rateLimits: false})
  t.after(() => first.close())
  const {staging} = tempStaging(t)
  await stageAll(
    new XeroApiAdapter({tokens: emulatorTokens(first.url, first.tenantId), baseUrl: first.url}),
    staging,
  )
  assert.ok(staging.staged.get('xero-api', 'payment', REFUND))
  const deleted = prepaymentsCompany()
  for (const p of deleted.Payments!) if (p.PaymentID === REFUND) p.Status = 'DELETED'
  const second = await startXeroEmulator({company: deleted, rateLimits: false})
  t.after(() => second.close())
  await stageAll(
    new XeroApiAdapter({tokens: emulatorTokens(second.url, second.tenantId), baseUrl: second.url}),
    staging,
  )
  assert.equal(staging.staged.get('xero-api', 'payment', REFUND), undefined)
})
