// Acceptance (issue 6): the demo company extracted through the Xero API (the emulator serving the folder the
// generator wrote) stages the same contacts, documents and journals as its CSV exports, plus what only the
// API carries: payments with dates and allocations, and credit-note allocations.
import assert from 'node:assert/strict'
import {fileURLToPath} from 'node:url'
import {test} from 'node:test'

import type {
  BankTransaction,
  Contact,
  ManualJournal,
  Payment,
  TradeDocument,
} from '../../src/domain/canonical.js'
import {D} from '../../src/domain/money.js'
import {DEMO_XERO_COMPANY_DIR, startXeroEmulator} from '../../src/emulator/xero/index.js'
import {XeroApiAdapter} from '../../src/sources/xero-api/index.js'
import {xeroCsvAdapter} from '../../src/sources/xero-csv/adapter.js'
import type {Staging} from '../../src/staging/index.js'
import {buildCompany} from '../../fixtures/generator/company.js'
import {tempStaging} from '../helpers/temp.js'
import {emulatorTokens, stageAll} from '../unit/sources/xero-api/driver.js'

const CSV_DEMO = fileURLToPath(new URL('../../fixtures/demo/xero-csv/', import.meta.url))
const DOC_KINDS = ['invoice', 'creditNote', 'bill', 'supplierCredit'] as const

function records<T>(staging: Staging, kind: string, system: string): T[] {
  return [...staging.staged.iterate(kind, system)].map((r) => r.record as T)
}

/** Documents keyed by what a user sees (kind, contact, number, date), never by source id. */
function documents(staging: Staging, system: string) {
  const out = new Map<string, TradeDocument>()
  for (const kind of DOC_KINDS) {
    for (const d of records<TradeDocument>(staging, kind, system)) {
      const key = `${kind}|${d.contactName}|${d.number ?? ''}|${d.date}`
      assert.ok(!out.has(key), `two ${system} documents share ${key}`)
      out.set(key, d)
    }
  }
  return out
}

const docFigures = (d: TradeDocument) => ({
  currency: d.currency,
  // The CSV's rates come from the rates file beside the exports; the API's from each document.
  exchangeRate: d.exchangeRate,
  amountsAre: d.amountsAre,
  subTotal: d.subTotal,
  totalTax: d.totalTax,
  total: d.total,
  lines: d.lines.map((l) => [l.itemCode, l.accountId, l.taxCode, l.lineAmount, l.taxAmount, l.tracking]),
})

async function stageBoth(t: Parameters<typeof tempStaging>[0]) {
  const emulator = await startXeroEmulator({company: DEMO_XERO_COMPANY_DIR, rateLimits: false})
  t.after(() => emulator.close())
  const {staging} = tempStaging(t)
  const api = new XeroApiAdapter({
    tokens: emulatorTokens(emulator.url, emulator.tenantId),
    baseUrl: emulator.url,
  })
  const apiResult = await stageAll(api, staging)
  const csv = xeroCsvAdapter({path: CSV_DEMO})
  await stageAll(csv, staging)
  return {staging, apiResult}
}

test('the demo company through the API stages the same contacts, documents and journals as its CSV exports', async (t) => {
  const {staging, apiResult} = await stageBoth(t)
  assert.deepEqual(apiResult.warnings, [])

  const contacts = (system: string) =>
    records<Contact>(staging, 'contact', system)
      .map((c) => [c.name, c.email ?? '', c.taxNumber ?? ''].join('|'))
      .sort()
  assert.equal(contacts('xero-api').length, 53)
  assert.deepEqual(contacts('xero-api'), contacts('xero-csv'))

  const fromApi = documents(staging, 'xero-api')
  const fromCsv = documents(staging, 'xero-csv')
  assert.equal(fromApi.size, 800)
  assert.deepEqual([...fromApi.keys()].sort(), [...fromCsv.keys()].sort())
  for (const [key, doc] of fromApi) {
    assert.deepEqual(docFigures(doc), docFigures(fromCsv.get(key)!), key)
  }

  const journals = (system: string) =>
    records<ManualJournal>(staging, 'manualJournal', system)
      .map((j) => ({
        date: j.date,
        narration: j.narration,
        lines: j.lines.map((l) => [l.accountId, l.amount]),
      }))
      .sort((a, b) => `${a.date}${a.narration}`.localeCompare(`${b.date}${b.narration}`))
  assert.equal(journals('xero-api').length, 20)
  assert.deepEqual(journals('xero-api'), journals('xero-csv'))
})

test('the API adds what the CSV exports lack: dated payments with allocations, credit-note allocations, bank transactions', async (t) => {
  const {staging} = await stageBoth(t)
  const model = buildCompany(42)
  const docs = new Map<string, TradeDocument>()
  for (const kind of DOC_KINDS)
    for (const d of records<TradeDocument>(staging, kind, 'xero-api')) docs.set(`${kind}:${d.id}`, d)

  const all = [
    ...records<Payment>(staging, 'payment', 'xero-api'),
    ...records<Payment>(staging, 'billPayment', 'xero-api'),
  ]
  // Prepayments, overpayments and their refunds (issue 26) are checked below; the rest pay one document each.
  const payments = all.filter((p) => !p.origin && !p.refundOf)
  const extra = model.apiOnly!
  assert.equal(payments.length, model.payments.length + extra.fxPayments.length)
  const seen = (p: {date: string; amount: string; number: string}) => `${p.date}|${p.amount}|${p.number}`
  const staged = payments.map((p) => {
    assert.equal(p.allocations.length, 1)
    const a = p.allocations[0]!
    const doc = docs.get(`${a.documentKind}:${a.documentId}`)
    assert.ok(doc, `payment ${p.id} pays a staged ${a.documentKind}`)
    assert.equal(a.amount, p.amount)
    return seen({date: p.date, amount: p.amount, number: doc.number ?? ''})
  })
  // Model ids of purchases carry their date (supplier numbers repeat); what the user sees is the number.
  const numberOf = new Map(model.documents.map((d) => [d.id, d.number]))
  const expected = [
    ...model.payments.map((p) =>
      seen({
        date: p.date,
        amount: p.amount.toFixed(2),
        number: numberOf.get(p.allocations[0]!.documentId) ?? '',
      }),
    ),
    ...extra.fxPayments.map((p) => {
      const doc = model.documents[p.document]!
      return seen({date: p.date, amount: doc.total.toFixed(2), number: doc.number})
    }),
  ]
  assert.deepEqual(staged.sort(), expected.sort())

  // Credit-note allocations, and every document's paid + credited amount agrees with what it still owes.
  const credits = [...docs.values()].filter((d) => d.kind === 'creditNote' || d.kind === 'supplierCredit')
  const applied = credits.flatMap((c) => c.allocations ?? [])
  assert.equal(applied.length, model.creditAllocations.length)
  assert.ok(applied.length > 0)
  const settled = new Map<string, InstanceType<typeof D>>()
  const add = (key: string, amount: string) => settled.set(key, (settled.get(key) ?? new D(0)).plus(amount))
  for (const a of applied) {
    assert.ok(docs.has(`${a.documentKind}:${a.documentId}`), `allocation to a staged ${a.documentKind}`)
    assert.ok(a.date, 'credit allocations carry their date')
    add(`${a.documentKind}:${a.documentId}`, a.amount)
  }
  for (const p of payments) add(`${p.allocations[0]!.documentKind}:${p.allocations[0]!.documentId}`, p.amount)
  const money = all.filter((p) => p.origin)
  assert.deepEqual(
    money.map((m) => [m.origin, m.amount, m.allocations.length, m.refunds?.length ?? 0]).sort(),
    extra.money
      .map((m) => [m.origin, m.amount.toFixed(2), m.allocations.length, m.refunds.length || 0])
      .sort(),
  )
  for (const m of money) for (const a of m.allocations) add(`${a.documentKind}:${a.documentId}`, a.amount)
  const refunds = all.filter((p) => p.refundOf)
  assert.deepEqual(
    refunds.map((r) => r.refundOf!.id),
    money.flatMap((m) => (m.refunds ?? []).map(() => m.id)),
  )
  assert.equal(records(staging, 'bankTransfer', 'xero-api').length, extra.transfers.length)
  for (const [key, doc] of docs) {
    if (doc.kind !== 'invoice' && doc.kind !== 'bill') continue
    const owed = new D(doc.total).minus(settled.get(key) ?? 0)
    assert.equal(owed.toFixed(2), doc.amountDue ?? doc.total, `${doc.kind} ${doc.number}`)
  }

  // Spend and receive money, with their tax.
  const bank = (b: {type: string; date: string; reference?: string; total: string; totalTax: string}) =>
    [b.type, b.date, b.reference ?? '', b.total, b.totalTax].join('|')
  assert.deepEqual(
    records<BankTransaction>(staging, 'bankTransaction', 'xero-api').map(bank).sort(),
    model.bankTransactions
      .map((b) => bank({...b, total: b.total.toFixed(2), totalTax: b.totalTax.toFixed(2)}))
      .sort(),
  )
  assert.ok(model.bankTransactions.length > 0)
})
