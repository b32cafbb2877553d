import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Account, CanonicalRecord} from '../../src/domain/canonical.js'
import {accountRef, mapAccount} from '../../src/mappers/accounts.js'
import type {Overrides} from '../../src/mappers/index.js'
import {companyContext} from './helpers.js'

const acct = (id: string, over: Partial<Account>): Account => ({
  id,
  code: id,
  name: `Account ${id}`,
  type: 'expense',
  sourceType: 'Expense',
  class: 'expense',
  isHeader: false,
  active: true,
  ...over,
})

// A MYOB-style chart: 6-0000 Expenses (header) > 6-1000 Motor Vehicle Expenses (header) > 6-1100 Fuel;
// 1-0000 Assets (header, current asset) > 1-1110 Cheque Account (bank).
const myob: Account[] = [
  acct('6-0000', {name: 'Expenses', isHeader: true}),
  acct('6-1000', {name: 'Motor Vehicle Expenses', isHeader: true, parentId: '6-0000'}),
  acct('6-1100', {name: 'Fuel', parentId: '6-1000'}),
  acct('1-0000', {name: 'Assets', type: 'currentAsset', class: 'asset', isHeader: true}),
  acct('1-1110', {name: 'Cheque Account', type: 'bank', class: 'asset', parentId: '1-0000'}),
]

function ctxFor(accounts: Account[], overrides: Overrides = {}, target = {}) {
  const records: CanonicalRecord[] = accounts.map((record) => ({kind: 'account', record}))
  return companyContext({records, overrides, target, system: 'myob'}).ctx
}

describe('accounts', () => {
  it('creates MYOB header accounts as parents when the types agree', () => {
    const ctx = ctxFor(myob)
    const fuel = mapAccount(myob[2]!, ctx)
    assert.deepEqual(fuel.payload, {
      Name: 'Fuel',
      AccountType: 'Expense',
      AccountSubType: 'OtherMiscellaneousServiceCost',
      AcctNum: '6-1100',
      SubAccount: true,
      ParentRef: {ref: {entity: 'Account', sourceId: '6-1000'}},
    })
    assert.equal(mapAccount(myob[1]!, ctx).payload?.ParentRef !== undefined, true)
  })

  it('places an account at the top level when its header has another QBO type, recorded', () => {
    const bank = mapAccount(myob[4]!, ctxFor(myob))
    assert.equal(bank.payload?.ParentRef, undefined)
    assert.equal(bank.decisions[0]?.code, 'ACCOUNT_PARENT_DROPPED')
  })

  it('drops header accounts when configured, and blocks postings to them', () => {
    const ctx = ctxFor(myob, {headerAccounts: 'drop'})
    assert.deepEqual(mapAccount(myob[0]!, ctx).disposition, {
      action: 'skip',
      reason: 'header account dropped',
    })
    assert.equal(mapAccount(myob[2]!, ctx).payload?.ParentRef, undefined)
    const r = accountRef(ctx, '6-0000')
    assert.ok('issue' in r && r.issue.code === 'ACCOUNT_IS_HEADER')
  })

  it("maps system accounts onto QBO's own instead of creating them", () => {
    const ar = acct('610', {name: 'Trade Debtors', type: 'currentAsset', class: 'asset', systemAccount: 'AR'})
    const re = acct('960', {
      name: 'Retained Earnings',
      type: 'equity',
      class: 'equity',
      systemAccount: 'RETAINED_EARNINGS',
    })
    const ctx = ctxFor([ar, re])
    assert.deepEqual(mapAccount(ar, ctx).disposition?.qboId, '1')
    assert.deepEqual(mapAccount(re, ctx).disposition?.qboId, '4')
    assert.deepEqual(accountRef(ctx, '610'), {ref: {value: '1'}, account: ar, qboType: 'Accounts Receivable'})
  })

  it('creates a system account QBO lacks, recorded', () => {
    const rounding = acct('860', {name: 'Rounding', systemAccount: 'ROUNDING'})
    const m = mapAccount(rounding, ctxFor([rounding]))
    assert.equal(m.payload?.Name, 'Rounding')
    assert.equal(m.decisions[0]?.code, 'SYSTEM_ACCOUNT_CREATED')
  })

  it('adopts an existing QBO account by number or name, and blocks a clash of classification', () => {
    const sales = acct('4-1000', {name: 'Sales', type: 'sales', class: 'revenue'})
    const target = {
      accounts: [
        {Id: '79', Name: 'Sales', AccountType: 'Income', Classification: 'Revenue', Active: true},
        {
          Id: '80',
          Name: 'Freight',
          AcctNum: '6-2000',
          AccountType: 'Expense',
          Classification: 'Expense',
          Active: true,
        },
      ],
    }
    assert.deepEqual(mapAccount(sales, ctxFor([sales], {}, target)).disposition, {
      action: 'adopt',
      qboId: '79',
      reason: 'QBO account "Sales" exists',
    })
    const clash = acct('6-2000', {name: 'Freight Income', type: 'revenue', class: 'revenue'})
    assert.equal(mapAccount(clash, ctxFor([clash], {}, target)).issues[0]?.code, 'ACCOUNT_CLASH')
  })

  it('blocks adopting a QBO namesake that is inactive (an undo left it so) rather than create a second', () => {
    const fuel = acct('6-1100', {name: 'Fuel'})
    const target = {accounts: [{Id: '55', Name: 'fuel', AccountType: 'Expense', Active: false}]}
    const m = mapAccount(fuel, ctxFor([fuel], {}, target))
    assert.equal(m.disposition, undefined, 'not adopted')
    assert.equal(m.payload, undefined, 'not created either')
    assert.deepEqual(
      m.issues.map((i) => i.code),
      ['ADOPT_INACTIVE'],
    )
    assert.match(m.issues[0]!.fix, /Make "fuel" active in QBO/)
  })

  it('keeps the first 100 characters of a description (QBO allows no more)', () => {
    const a = acct('6-1100', {name: 'Fuel', description: `${'d'.repeat(100)}cut`})
    assert.equal(mapAccount(a, ctxFor([a])).payload?.Description, 'd'.repeat(100))
  })

  it('cleans names and drops account numbers QBO cannot hold (AU: 20 characters)', () => {
    const a = acct('X', {name: 'Loans: "Director"', code: '1-2345-6789-0123-4567-89'})
    const m = mapAccount(a, ctxFor([a]))
    assert.equal(m.payload?.Name, 'Loans- -Director-')
    assert.equal(m.payload?.AcctNum, undefined)
    assert.deepEqual(
      m.decisions.map((d) => d.code),
      ['ACCOUNT_RENAMED', 'ACCOUNT_NUMBER_DROPPED'],
    )
  })

  it('follows the user override: onto a QBO account, or not migrated', () => {
    const a = acct('6-1100', {name: 'Fuel'})
    const target = {accounts: [{Id: '55', Name: 'Fuel & Oil', AccountType: 'Expense', Active: true}]}
    const ctx = ctxFor([a], {accounts: {'6-1100': 'fuel & oil'}}, target)
    assert.deepEqual(mapAccount(a, ctx).disposition, {
      action: 'skip',
      reason: 'mapped onto an existing QBO account',
      qboId: '55',
    })
    assert.deepEqual((accountRef(ctx, '6-1100') as {ref: unknown}).ref, {value: '55'})
    const dropped = ctxFor([a], {accounts: {'6-1100': null}})
    assert.deepEqual(mapAccount(a, dropped).disposition, {
      action: 'skip',
      reason: 'mapped to "do not migrate"',
    })
    const r = accountRef(dropped, '6-1100')
    assert.ok('issue' in r && r.issue.code === 'ACCOUNT_NOT_MIGRATED')
  })
})
