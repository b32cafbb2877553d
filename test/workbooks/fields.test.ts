import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {buildPlan} from '../../src/load/plan.js'
import {keyFields, payloadTotal, readableDetail, refText} from '../../src/workbooks/preview/fields.js'
import {companyContext} from '../mappers/helpers.js'

describe('preview key fields', () => {
  it('computes the same total as the source for every document the demo company creates', () => {
    const {ctx, records} = companyContext()
    const plan = buildPlan(records, ctx)
    const documents = plan.records.filter(
      (r) =>
        r.action === 'create' &&
        r.payload &&
        !['JournalEntry'].includes(r.entity) &&
        !r.sourceId.includes('/applied/') &&
        /\d+\.\d{2}$/.test(r.label),
    )
    assert.ok(documents.length >= 8, `enough documents to compare (${documents.length})`)
    for (const r of documents) {
      const sourceTotal = r.label.split(' ').at(-1)
      assert.equal(payloadTotal(r.entity, r.payload!), sourceTotal, `${r.entity} ${r.sourceId}`)
    }
  })

  it('totals a journal by its debits, a transfer by its amount, and leaves list records without one', () => {
    const journal = {
      Line: [
        {Amount: 125.5, JournalEntryLineDetail: {PostingType: 'Debit'}},
        {Amount: 0.25, JournalEntryLineDetail: {PostingType: 'Debit'}},
        {Amount: 125.75, JournalEntryLineDetail: {PostingType: 'Credit'}},
      ],
    }
    assert.equal(payloadTotal('JournalEntry', journal), '125.75')
    assert.equal(payloadTotal('Transfer', {Amount: 500}), '500.00')
    assert.equal(payloadTotal('Account', {Name: 'Sales'}), undefined)
    // Decimal arithmetic: 0.1 + 0.2 is 0.30, not 0.30000000000000004.
    assert.equal(payloadTotal('Invoice', {Line: [{Amount: 0.1}, {Amount: 0.2}]}), '0.30')
  })

  it('shows references by source id or QBO Id, and the type of accounts', () => {
    assert.equal(refText({ref: {entity: 'Customer', sourceId: 'C-ACME'}}), 'C-ACME')
    assert.equal(refText({value: '10'}), 'QBO 10')
    const k = keyFields('Account', {
      Name: 'Savings',
      AccountType: 'Bank',
      AccountSubType: 'Savings',
      ParentRef: {ref: {entity: 'Account', sourceId: '090'}},
    })
    assert.deepEqual([k.name, k.detail, k.total], ['Savings', 'Bank / Savings (under 090)', undefined])
    assert.deepEqual(keyFields('Invoice', undefined), {
      name: '',
      docNumber: '',
      txnDate: '',
      party: '',
      currency: '',
      total: undefined,
      detail: '',
    })
  })

  it('writes a decision detail as readable text, nothing dropped', () => {
    assert.equal(
      readableDetail({parentId: '1', depth: 5, more: [{parentId: '2', depth: 6}]}),
      'parentId: 1; depth: 5; more: (parentId: 2, depth: 6)',
    )
    assert.equal(readableDetail({codes: ['A', 'B'], flag: true}), 'codes: A, B; flag: true')
    assert.equal(readableDetail({}), '')
  })
})
