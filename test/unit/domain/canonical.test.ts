import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {type Invoice, parseCanonical} from '../../../src/domain/canonical.js'
import {documentTotalProblems, journalProblems} from '../../../src/domain/canonical-checks.js'

const invoice: Invoice = {
  kind: 'invoice',
  id: 'INV-0001',
  number: 'INV-0001',
  contactId: 'Acme',
  contactName: 'Acme',
  date: '2024-07-01',
  currency: 'AUD',
  amountsAre: 'exclusive',
  status: 'authorised',
  lines: [
    {
      lineNo: 1,
      description: 'Widgets',
      quantity: '3',
      unitAmount: '33.3333',
      accountId: '200',
      taxCode: 'OUTPUT',
      taxAmount: '10.00',
      lineAmount: '100.00',
      tracking: [],
    },
    {
      lineNo: 2,
      description: 'Freight',
      accountId: '200',
      taxCode: 'OUTPUT',
      taxAmount: '1.25',
      lineAmount: '12.50',
      tracking: [{category: 'Region', option: 'North'}],
    },
  ],
  subTotal: '112.50',
  totalTax: '11.25',
  total: '123.75',
}

describe('canonical model', () => {
  it('accepts a well-formed invoice and refuses float-like amounts', () => {
    assert.deepEqual(parseCanonical('invoice', invoice), invoice)
    assert.throws(() => parseCanonical('invoice', {...invoice, total: 123.75}))
    assert.throws(() => parseCanonical('invoice', {...invoice, total: '123.7'}))
    assert.throws(() => parseCanonical('invoice', {...invoice, date: '01/07/2024'}))
  })

  it('checks that document lines sum to the totals', () => {
    assert.deepEqual(documentTotalProblems(invoice), [])
    assert.equal(documentTotalProblems({...invoice, total: '123.76'}).length, 2)
    const inclusive = {...invoice, amountsAre: 'inclusive' as const, total: '112.50', subTotal: '101.25'}
    assert.deepEqual(documentTotalProblems(inclusive), [])
  })

  it('checks that journals balance', () => {
    const lines = [
      {lineNo: 1, accountId: '610', amount: '100.00', tracking: []},
      {lineNo: 2, accountId: '200', amount: '-100.00', tracking: []},
    ]
    assert.deepEqual(
      journalProblems({id: 'J1', date: '2024-07-01', narration: 'x', amountsAre: 'noTax', lines}),
      [],
    )
    assert.deepEqual(
      journalProblems({
        id: 'J1',
        date: '2024-07-01',
        narration: 'x',
        amountsAre: 'noTax',
        lines: [lines[0]!, {...lines[1]!, amount: '-99.99'}],
      }),
      ['debits and credits differ by 0.01'],
    )
  })
})
