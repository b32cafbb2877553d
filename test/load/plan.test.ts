import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Account, CanonicalRecord, Invoice} from '../../src/domain/canonical.js'
import {buildPlan} from '../../src/load/plan.js'
import {companyContext, loadCompany, recordOf} from '../mappers/helpers.js'

const find = (plan: ReturnType<typeof buildPlan>, entity: string, sourceId: string) => {
  const r = plan.records.find((x) => x.entity === entity && x.sourceId === sourceId)
  assert.ok(r, `no ${entity} ${sourceId} in the plan`)
  return r
}

describe('plan', () => {
  it('adopts the customers and invoices the target company already holds instead of creating them', () => {
    const {ctx, records} = companyContext({
      target: {
        customers: [{Id: '58', DisplayName: 'city council', Active: true}],
        documents: [
          {entity: 'Invoice', Id: '130', DocNumber: 'INV-0002', TxnDate: '2024-07-05', TotalAmt: '270.00'},
          {
            entity: 'Invoice',
            Id: '131',
            TxnDate: '2024-07-08',
            TotalAmt: '1000',
            PrivateNote: 'qbo-toolkit:xero-api:INV-0003',
          },
        ],
      },
    })
    const plan = buildPlan(records, ctx)
    assert.deepEqual(
      [find(plan, 'Customer', 'C-CITY').action, find(plan, 'Customer', 'C-CITY').qboId],
      ['adopt', '58'],
    )
    assert.deepEqual(
      [find(plan, 'Invoice', 'INV-0002').action, find(plan, 'Invoice', 'INV-0002').qboId],
      ['adopt', '130'],
    )
    assert.deepEqual(
      [find(plan, 'Invoice', 'INV-0003').action, find(plan, 'Invoice', 'INV-0003').qboId],
      ['adopt', '131'],
    )
    assert.equal(find(plan, 'Invoice', 'INV-0001').action, 'create')
    assert.deepEqual(plan.entities.Customer, {create: 3, adopt: 1, skip: 0, update: 0, blocked: 0})
    assert.deepEqual(plan.entities.Invoice, {create: 2, adopt: 2, skip: 1, update: 0, blocked: 0})
  })

  it('gives the CLI --json shape with every blocked record, its reason and fix', () => {
    const {ctx, records} = companyContext({overrides: {taxCodes: {OUTPUT: null}}})
    const plan = buildPlan(records, ctx)
    assert.deepEqual(Object.keys(plan).sort(), [
      'decisions',
      'entities',
      'estimate',
      'issues',
      'records',
      'steps',
    ])
    const inv = find(plan, 'Invoice', 'INV-0001')
    assert.equal(inv.action, 'blocked')
    assert.equal(inv.payload, undefined)
    const issue = plan.issues.find((i) => i.entity === 'Invoice' && i.sourceId === 'INV-0001')
    assert.equal(issue?.code, 'TAX_CODE_NOT_MAPPED')
    assert.match(issue!.fix, /mapping workbook/)
  })

  it('blocks records whose dependencies are blocked, transitively', () => {
    const {ctx, records} = companyContext({overrides: {taxCodes: {OUTPUT: null}}})
    const plan = buildPlan(records, ctx)
    const pay = find(plan, 'Payment', 'PAY-1')
    assert.equal(pay.action, 'blocked')
    assert.equal(pay.issues[0]?.code, 'DEPENDENCY_BLOCKED')
    assert.match(pay.reason!, /Invoice INV-0001/)
  })

  it('blocks a payment of a skipped (draft) invoice as a missing dependency', () => {
    const company = loadCompany()
    const draft = recordOf(company.records, 'invoice', 'INV-0005')
    const payDraft: CanonicalRecord = {
      kind: 'payment',
      record: {
        id: 'PAY-D',
        date: '2024-07-30',
        contactId: 'C-CITY',
        bankAccountId: '090',
        amount: '88.00',
        currency: 'AUD',
        allocations: [{documentKind: 'invoice', documentId: draft.id, amount: '88.00'}],
      },
    }
    const {ctx, records} = companyContext({records: [...company.records, payDraft]})
    const r = find(buildPlan(records, ctx), 'Payment', 'PAY-D')
    assert.equal(r.action, 'blocked')
    assert.equal(r.issues[0]?.code, 'DEPENDENCY_MISSING')
  })

  it('skips what an earlier run loaded and points references at its QBO Id', () => {
    const loaded = new Map([['Customer' as const, new Map([['C-ACME', '58']])]])
    const {ctx, records} = companyContext({loaded})
    const plan = buildPlan(records, ctx)
    assert.deepEqual(
      [find(plan, 'Customer', 'C-ACME').action, find(plan, 'Customer', 'C-ACME').qboId],
      ['skip', '58'],
    )
    assert.deepEqual(find(plan, 'Invoice', 'INV-0001').payload?.CustomerRef, {value: '58'})
  })

  it('orders records in load waves, parent accounts a step before their children', () => {
    const acct = (id: string, over: Partial<Account>): CanonicalRecord => ({
      kind: 'account',
      record: {
        id,
        code: id,
        name: id,
        type: 'expense',
        sourceType: 'Expense',
        class: 'expense',
        isHeader: false,
        active: true,
        ...over,
      },
    })
    const {ctx, records} = companyContext({
      system: 'myob',
      records: [
        acct('6-1100', {parentId: '6-1000'}),
        acct('6-1000', {isHeader: true, parentId: '6-0000'}),
        acct('6-0000', {isHeader: true}),
      ],
    })
    const plan = buildPlan(records, ctx)
    assert.deepEqual(
      plan.records.map((r) => [r.sourceId, r.step]),
      [
        ['6-0000', 0],
        ['6-1000', 1],
        ['6-1100', 2],
      ],
    )
    const full = companyContext()
    const all = buildPlan(full.records, full.ctx).records
    const steps = all.map((r) => r.step)
    assert.deepEqual(
      steps,
      [...steps].sort((a, b) => a - b),
    )
    // The batching invariant: every dependency of a record to create sits in an earlier step.
    for (const p of [all, plan.records]) {
      const stepOf = new Map(p.map((r) => [`${r.entity}:${r.sourceId}`, r.step]))
      for (const r of p.filter((x) => x.action === 'create')) {
        for (const d of r.dependsOn) {
          const depStep = stepOf.get(`${d.entity}:${d.sourceId}`)
          assert.ok(
            depStep !== undefined && depStep < r.step,
            `${r.entity} ${r.sourceId} waits for ${d.entity} ${d.sourceId}`,
          )
        }
      }
    }
  })

  it("estimates requests, batches and minutes at QBO's limits", () => {
    const {ctx, records} = companyContext()
    const plan = buildPlan(records, ctx)
    // 17 groups of one step and one entity (7 of lists, 10 of transactions), each under 30: a batch each.
    // The loader batches lists too, so a list group is one request, not one per record.
    assert.deepEqual(plan.estimate, {requests: 17, batches: 17, minutes: 0.5})
    const inv = recordOf(records, 'invoice', 'INV-0001')
    const many: CanonicalRecord[] = Array.from({length: 1250}, (_, i) => ({
      kind: 'invoice',
      record: {...inv, id: `X-${i}`, number: `X-${i}`} as Invoice,
    }))
    const big = companyContext({records: [...records, ...many]})
    const e = buildPlan(big.records, big.ctx).estimate
    // 1254 invoices -> 42 batches instead of 1; 58 batches in all at 40 a minute.
    assert.deepEqual(e, {requests: 58, batches: 58, minutes: 1.5})
  })
})
