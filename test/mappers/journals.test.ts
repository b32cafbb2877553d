import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {ManualJournal} from '../../src/domain/canonical.js'
import {mapJournal, mapOpeningBalance} from '../../src/mappers/journals.js'
import {companyContext, recordOf} from './helpers.js'

type JeLine = {Amount: number; JournalEntryLineDetail: Record<string, unknown>}

describe('journals', () => {
  const {ctx, records} = companyContext()
  const mj = recordOf(records, 'manualJournal', 'MJ-1')

  it('maps signed lines to Debit/Credit postings', () => {
    const lines = mapJournal(mj, ctx).payload?.Line as JeLine[]
    assert.deepEqual(
      lines.map((l) => [l.JournalEntryLineDetail.PostingType, l.Amount]),
      [
        ['Debit', 125],
        ['Credit', 125],
      ],
    )
  })

  it('blocks an unbalanced journal, with a fix', () => {
    const bad: ManualJournal = {...mj, lines: [mj.lines[0]!, {...mj.lines[1]!, amount: '-124.99'}]}
    const m = mapJournal(bad, ctx)
    assert.equal(m.payload, undefined)
    assert.equal(m.issues[0]?.code, 'JOURNAL_UNBALANCED')
    assert.match(m.issues[0]!.message, /0\.01/)
  })

  it('sends AU tax lines with TaxCodeRef, TaxApplicableOn and TaxAmount together', () => {
    const taxed: ManualJournal = {
      ...mj,
      amountsAre: 'exclusive',
      lines: [
        {lineNo: 1, accountId: '400', amount: '100.00', taxCode: 'INPUT', taxAmount: '10.00', tracking: []},
        {lineNo: 2, accountId: '090', amount: '-100.00', tracking: []},
      ],
    }
    const m = mapJournal(taxed, ctx)
    assert.equal(m.payload?.GlobalTaxCalculation, 'TaxExcluded')
    const detail = (m.payload?.Line as JeLine[])[0]!.JournalEntryLineDetail
    assert.deepEqual(
      [detail.TaxCodeRef, detail.TaxApplicableOn, detail.TaxAmount],
      [{value: '11'}, 'Purchase', 10],
    )
  })

  it('blocks a journal line on A/R, which QBO needs a customer for', () => {
    const ar: ManualJournal = {...mj, lines: [{...mj.lines[0]!, accountId: '610'}, mj.lines[1]!]}
    assert.equal(mapJournal(ar, ctx).issues[0]?.code, 'JOURNAL_CONTROL_ACCOUNT')
  })

  it("balances opening balances against QBO's Opening Balance Equity", () => {
    const ob = recordOf(records, 'openingBalance', 'OB-2024-06-30')
    const lines = mapOpeningBalance(ob, ctx).payload?.Line as JeLine[]
    assert.deepEqual(lines[2]?.JournalEntryLineDetail.AccountRef, {value: '5'})
    const short = {...ob, lines: ob.lines.slice(0, 2)}
    const m = mapOpeningBalance(short, ctx)
    assert.equal(m.decisions[0]?.code, 'OPENING_BALANCE_TO_EQUITY')
    const last = (m.payload?.Line as JeLine[]).at(-1)!
    assert.deepEqual(
      [last.Amount, last.JournalEntryLineDetail.PostingType, last.JournalEntryLineDetail.AccountRef],
      [3400, 'Credit', {value: '5'}],
    )
  })
})
