import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import fc from 'fast-check'

import {D} from '../../../src/domain/money.js'
import type {WriteContext} from '../../../src/emulator/qbo/entities/context.js'
import {entityDef} from '../../../src/emulator/qbo/entities/registry.js'
import {QboFault} from '../../../src/emulator/qbo/faults.js'
import {buildReport} from '../../../src/emulator/qbo/ledger/index.js'
import {createEntity, voidEntity} from '../../../src/emulator/qbo/operations.js'
import {seedCompany} from '../../../src/emulator/qbo/seed.js'
import {type Json, Store} from '../../../src/emulator/qbo/store.js'

type Step =
  | {kind: 'invoice'; customer: number; cents: number[]; inclusive: boolean}
  | {kind: 'pay'; customer: number; invoice: number; cents: number}
  | {kind: 'void'; payment: number}

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('invoice' as const),
    customer: fc.nat(2),
    cents: fc.array(fc.integer({min: 1, max: 99_999}), {minLength: 1, maxLength: 4}),
    inclusive: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('pay' as const),
    customer: fc.nat(2),
    invoice: fc.nat(20),
    cents: fc.integer({min: 1, max: 50_000}),
  }),
  fc.record({kind: fc.constant('void' as const), payment: fc.nat(20)}),
)

const money = (v: unknown) => new D(Number(v ?? 0))

describe('QBO emulator balances (property)', () => {
  it('for any sequence of invoices, payments and voids: balances equal totals less what is applied, the trial balance balances and A/R equals the open invoices', () => {
    fc.assert(
      fc.property(fc.array(step, {maxLength: 25}), (steps) => {
        const store = new Store()
        seedCompany(store, '1', 0)
        const ctx = (): WriteContext => ({store, nowMs: 0, hidden: new Set(), allowDuplicateDocNum: false})
        const gst = store.list('TaxCode').find((c) => c.Name === 'GST')!.Id
        const customers = ['A', 'B', 'C'].map((n) =>
          createEntity(entityDef('Customer')!, {DisplayName: n}, ctx()),
        )
        const invoices: Json[] = []
        const payments: Json[] = []
        for (const s of steps) {
          try {
            if (s.kind === 'invoice') {
              const Line = s.cents.map((c) => ({
                DetailType: 'SalesItemLineDetail',
                Amount: c / 100,
                SalesItemLineDetail: {TaxCodeRef: {value: gst}},
              }))
              const body = {
                CustomerRef: {value: customers[s.customer]!.Id},
                GlobalTaxCalculation: s.inclusive ? 'TaxInclusive' : 'TaxExcluded',
                Line,
              }
              invoices.push(createEntity(entityDef('Invoice')!, body, ctx()))
            } else if (s.kind === 'pay' && invoices.length) {
              const inv = invoices[s.invoice % invoices.length]!
              const body = {
                CustomerRef: inv.CustomerRef,
                TotalAmt: s.cents / 100,
                Line: [{Amount: s.cents / 100, LinkedTxn: [{TxnId: inv.Id, TxnType: 'Invoice'}]}],
              }
              payments.push(createEntity(entityDef('Payment')!, body, ctx()))
            } else if (s.kind === 'void' && payments.length) {
              const p = store.get('Payment', String(payments[s.payment % payments.length]!.Id))!
              voidEntity(entityDef('Payment')!, {Id: p.Id, SyncToken: p.SyncToken}, ctx())
            }
          } catch (e) {
            // Over-payments are refused with a QBO fault; anything else is a bug.
            if (!(e instanceof QboFault)) throw e
          }
        }
        for (const inv of store.list('Invoice')) {
          const applied = store
            .list('Payment')
            .flatMap((p) =>
              (p.Line as Json[])
                .filter((l) => (l.LinkedTxn as Json[])[0]!.TxnId === inv.Id)
                .map((l) => money(l.Amount)),
            )
          const expected = money(inv.TotalAmt).minus(applied.reduce((a, b) => a.plus(b), new D(0)))
          assert.equal(money(inv.Balance).toFixed(2), expected.toFixed(2))
          assert.ok(money(inv.Balance).gte(0))
          const lines = (inv.Line as Json[]).filter((l) => l.DetailType === 'SalesItemLineDetail')
          const net = lines.reduce((a, l) => a.plus(money(l.Amount)), new D(0))
          assert.equal(
            money(inv.TotalAmt).toFixed(2),
            net.plus(money((inv.TxnTaxDetail as Json).TotalTax)).toFixed(2),
          )
        }
        for (const c of customers) {
          const open = store
            .list('Invoice')
            .filter((i) => (i.CustomerRef as Json).value === c.Id)
            .reduce((a, i) => a.plus(money(i.Balance)), new D(0))
          const unapplied = store
            .list('Payment')
            .filter((p) => (p.CustomerRef as Json).value === c.Id)
            .reduce((a, p) => a.plus(money(p.UnappliedAmt)), new D(0))
          assert.equal(
            money(store.get('Customer', String(c.Id))!.Balance).toFixed(2),
            open.minus(unapplied).toFixed(2),
          )
        }
        // Through the posting ledger: the trial balance balances and A/R is what the invoices still owe,
        // less payments not yet applied (QBO nets them on A/R).
        const tb = buildReport('TrialBalance', new URLSearchParams({end_date: '2099-12-31'}), {
          companyInfo: store.list('CompanyInfo')[0] ?? {},
          preferences: store.list('Preferences')[0] ?? {},
          list: (entity) => store.list(entity),
        }) as {Rows: {Row: Json[]}}
        const total = tb.Rows.Row.find((r) => r.Summary !== undefined)?.Summary as {
          ColData: {value: string}[]
        }
        assert.equal(total.ColData[1]!.value, total.ColData[2]!.value, 'trial balance debits equal credits')
        const arId = store.list('Account').find((a) => a.AccountType === 'Accounts Receivable')!.Id
        const arRow = tb.Rows.Row.find((r) => (r.ColData as {id?: string}[] | undefined)?.[0]?.id === arId)
        const arCols = (arRow?.ColData ?? []) as {value: string}[]
        const ar = money(arCols[1]?.value || 0).minus(money(arCols[2]?.value || 0))
        const owed = store.list('Invoice').reduce((a, i) => a.plus(money(i.Balance)), new D(0))
        const unappliedAll = store.list('Payment').reduce((a, p) => a.plus(money(p.UnappliedAmt)), new D(0))
        assert.equal(
          ar.toFixed(2),
          owed.minus(unappliedAll).toFixed(2),
          'A/R equals the open invoice balances',
        )
      }),
      {numRuns: 60},
    )
  })
})
