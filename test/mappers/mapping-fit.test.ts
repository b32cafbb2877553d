import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Account, TaxRate} from '../../src/domain/canonical.js'
import {buildPlan} from '../../src/load/plan.js'
import {planEffect} from '../../src/load/plan/effect.js'
import {targetFromQbo, type TargetCompany} from '../../src/mappers/index.js'
import type {QboAccount, QboTaxCode} from '../../src/mappers/context.js'
import {accountFit, systemRoleClashes, taxFit} from '../../src/mappers/mapping-fit.js'
import {companyContext, loadTarget} from './helpers.js'

const account = (over: Partial<Account>): Account => ({
  id: '090',
  code: '090',
  name: 'Business Bank Account',
  type: 'bank',
  sourceType: 'Bank',
  class: 'asset',
  isHeader: false,
  active: true,
  ...over,
})
const qbo = (over: Partial<QboAccount>): QboAccount => ({
  Id: '50',
  Name: 'Sales',
  AccountType: 'Income',
  Active: true,
  ...over,
})
const codes = (fit: ReturnType<typeof accountFit>) => fit.map((p) => [p.code, p.confirmable])

describe('mapping fit: accounts', () => {
  it('refuses a bank onto an income account, but lets a confirmation keep it', () => {
    const fit = accountFit(account({}), qbo({}), 'AUD')
    assert.deepEqual(codes(fit), [['ACCOUNT_TYPE_MISFIT', true]])
    assert.match(
      fit[0]!.message,
      /090 "Business Bank Account" is a bank account but "Sales" is an income account/,
    )
  })

  it('takes the same kind: bank onto Bank or Credit Card, income onto Other Income, costs onto COGS', () => {
    assert.deepEqual(accountFit(account({}), qbo({AccountType: 'Bank'}), 'AUD'), [])
    assert.deepEqual(accountFit(account({}), qbo({AccountType: 'Credit Card'}), 'AUD'), [])
    const revenue = account({type: 'revenue', class: 'revenue'})
    assert.deepEqual(accountFit(revenue, qbo({AccountType: 'Other Income'}), 'AUD'), [])
    const costs = account({type: 'directCosts', class: 'expense'})
    assert.deepEqual(accountFit(costs, qbo({AccountType: 'Cost of Goods Sold'}), 'AUD'), [])
    assert.deepEqual(codes(accountFit(costs, qbo({AccountType: 'Income'}), 'AUD')), [
      ['ACCOUNT_TYPE_MISFIT', true],
    ])
    const fixed = account({type: 'fixedAsset', class: 'asset'})
    assert.deepEqual(accountFit(fixed, qbo({AccountType: 'Other Current Asset'}), 'AUD'), [])
  })

  it('reads a source A/R or A/P system account as receivable or payable whatever its type', () => {
    const ar = account({type: 'currentAsset', systemAccount: 'AR'})
    assert.deepEqual(accountFit(ar, qbo({AccountType: 'Accounts Receivable'}), 'AUD'), [])
    assert.deepEqual(codes(accountFit(ar, qbo({AccountType: 'Other Current Asset'}), 'AUD')), [
      ['ACCOUNT_TYPE_MISFIT', true],
    ])
    const ap = account({type: 'currentLiability', class: 'liability', systemAccount: 'AP'})
    assert.deepEqual(accountFit(ap, qbo({AccountType: 'Accounts Payable'}), 'AUD'), [])
  })

  it('refuses a bank onto a bank of another currency, and no confirmation lets it stand', () => {
    const usd = account({id: '091', code: '091', name: 'USD Account', currency: 'USD'})
    const fit = accountFit(usd, qbo({AccountType: 'Bank', Name: 'Business Cheque Account'}), 'AUD')
    assert.deepEqual(codes(fit), [['ACCOUNT_CURRENCY_MISFIT', false]])
    assert.match(fit[0]!.message, /in USD but "Business Cheque Account" is in AUD/)
    assert.deepEqual(accountFit(usd, qbo({AccountType: 'Bank', currency: 'USD'}), 'AUD'), [])
    // Onto an income account the kind is what is wrong: QBO's income accounts take any currency.
    assert.deepEqual(codes(accountFit(usd, qbo({}), 'AUD')), [['ACCOUNT_TYPE_MISFIT', true]])
  })

  it('finds two source accounts on one QBO system account, not on an ordinary one', () => {
    const target = {
      accounts: [
        qbo({
          Id: '1',
          Name: 'Accounts Receivable (A/R)',
          AccountType: 'Accounts Receivable',
          AccountSubType: 'AccountsReceivable',
        }),
        qbo({Id: '9', Name: 'Sales', AccountSubType: 'SalesOfProductIncome'}),
      ],
    }
    const clashes = systemRoleClashes(
      new Map([
        ['610', '1'],
        ['611', '1'],
        ['200', '9'],
        ['210', '9'],
      ]),
      target,
    )
    assert.deepEqual([...clashes], [['1', ['610', '611']]])
  })
})

describe('mapping fit: tax codes', () => {
  const input: TaxRate = {
    id: 'INPUT',
    name: 'GST on Expenses',
    rate: '10',
    appliesTo: 'purchases',
    active: true,
  }
  const code = (over: Partial<QboTaxCode>): QboTaxCode => ({
    Id: '13',
    Name: 'GST-free non-capital',
    Active: true,
    hasSalesRate: false,
    hasPurchaseRate: true,
    purchaseRate: '0',
    ...over,
  })

  it('refuses a code onto one of another rate, confirmable; the same rate or an unknown one passes', () => {
    const fit = taxFit(input, code({}), 'purchase')
    assert.deepEqual(
      fit.map((p) => [p.code, p.confirmable]),
      [['TAX_RATE_MISFIT', true]],
    )
    assert.match(
      fit[0]!.message,
      /INPUT "GST on Expenses" is 10% but the QBO tax code "GST-free non-capital" is 0% for purchases/,
    )
    assert.deepEqual(taxFit(input, code({Name: 'GST on non-capital', purchaseRate: '10.0'}), 'purchase'), [])
    assert.deepEqual(taxFit(input, code({purchaseRate: undefined}), 'purchase'), [])
  })

  it("reads each QBO code's rate from its TaxRate list, and each account's currency", () => {
    const target = targetFromQbo({
      preferences: {},
      accounts: [{Id: '1', Name: 'USD Bank', AccountType: 'Bank', CurrencyRef: {value: 'USD'}}],
      taxCodes: [
        {
          Id: '5',
          Name: 'GST',
          SalesTaxRateList: {TaxRateDetail: [{TaxRateRef: {value: '7'}}]},
          PurchaseTaxRateList: {TaxRateDetail: []},
        },
      ],
      taxRates: [{Id: '7', RateValue: 10}],
    })
    assert.deepEqual(
      [target.taxCodes[0]?.salesRate, target.taxCodes[0]?.purchaseRate, target.accounts[0]?.currency],
      ['10', '0', 'USD'],
    )
  })
})

/** The fixture's AU target with the rates QBO gives its codes. */
function ratedTarget(): Partial<TargetCompany> {
  const rates: Record<string, [string, string]> = {
    GST: ['10', '0'],
    'GST on non-capital': ['0', '10'],
    'GST-free non-capital': ['0', '0'],
    'GST-free': ['0', '0'],
    'Out of Scope': ['0', '0'],
  }
  return {
    taxCodes: loadTarget().taxCodes.map((c) => {
      const r = rates[c.Name]
      return r ? {...c, salesRate: r[0], purchaseRate: r[1]} : c
    }),
  }
}

describe('mapping fit in the plan (a saved choice is checked again)', () => {
  it('blocks the account and every record posting to a bank mapped onto income, unless confirmed', () => {
    const sales = {Id: '60', Name: 'Sales income', AccountType: 'Income', Active: true}
    const target = {accounts: [...loadTarget().accounts, sales]}
    const {ctx, records} = companyContext({target, overrides: {accounts: {'090': '60'}}})
    const plan = buildPlan(records, ctx)
    const bank = plan.records.find((r) => r.entity === 'Account' && r.sourceId === '090')!
    assert.equal(bank.action, 'blocked')
    assert.equal(bank.issues[0]?.code, 'ACCOUNT_TYPE_MISFIT')
    assert.match(bank.issues[0]!.fix, /Confirm column/)
    const spend = plan.records.find((r) => r.sourceId === 'BT-1')!
    assert.equal(spend.action, 'blocked')
    assert.ok(spend.issues.some((i) => i.code === 'ACCOUNT_TYPE_MISFIT'))

    const confirmed = companyContext({
      target,
      overrides: {accounts: {'090': '60'}, confirmed: {accounts: ['090']}},
    })
    const kept = buildPlan(confirmed.records, confirmed.ctx)
    const keptBank = kept.records.find((r) => r.entity === 'Account' && r.sourceId === '090')!
    assert.deepEqual([keptBank.action, keptBank.qboId], ['skip', '60'])
    assert.ok(keptBank.decisions.some((d) => d.code === 'MAPPING_CONFIRMED'))
    assert.ok(
      !kept.records.find((r) => r.sourceId === 'BT-1')!.issues.some((i) => i.code === 'ACCOUNT_TYPE_MISFIT'),
    )
  })

  it('blocks purchases whose GST code is mapped onto a GST-free one, unless confirmed; the effect shows the tax lost', () => {
    const overrides = {taxCodes: {'INPUT:purchase': '13'}}
    const {ctx, records} = companyContext({target: ratedTarget(), overrides})
    const bill = buildPlan(records, ctx).records.find((r) => r.entity === 'Bill' && r.sourceId === 'BILL-1')!
    assert.equal(bill.action, 'blocked')
    assert.equal(bill.issues[0]?.code, 'TAX_RATE_MISFIT')

    const confirmed = companyContext({
      target: ratedTarget(),
      overrides: {...overrides, confirmed: {taxCodes: ['INPUT:purchase']}},
    })
    const plan = buildPlan(confirmed.records, confirmed.ctx, {effect: true})
    assert.notEqual(plan.records.find((r) => r.sourceId === 'BILL-1')?.action, 'blocked')
    const input = plan.effect!.taxTotals.filter((t) => t.sourceCode === 'INPUT')
    // BILL-1 (400 + 250 net, 65 tax) and BT-1 (110 inclusive: 100 net, 10 tax).
    assert.deepEqual(input, [
      {
        sourceCode: 'INPUT',
        direction: 'purchase',
        sourceRate: '10',
        qboCode: 'GST-free non-capital',
        qboRate: '0',
        lines: 3,
        net: '750.00',
        sourceTax: '75.00',
        plannedTax: '0.00',
        difference: '-75.00',
      },
    ])
    const output = plan.effect!.taxTotals.find((t) => t.sourceCode === 'OUTPUT')!
    assert.equal(output.difference, '0.00', 'an unchanged 10% code keeps its tax')
  })

  it('totals per QBO account name the source accounts mapped onto it', () => {
    const {ctx, records} = companyContext({overrides: {accounts: {'270': '7'}}, target: {}})
    const plan = buildPlan(records, ctx, {effect: true})
    const sales = plan.effect!.accountTotals.find((a) => a.qboAccount === 'Sales (new)')!
    assert.deepEqual([sales.qboType, sales.sourceAccounts], ['Income', ['200 Sales']])
    assert.ok(sales.records >= 5)
    assert.ok(Number(sales.balance) < 0, 'income has a credit balance')
    // Interest income onto Undeposited Funds does not fit: its postings show as blocked, not as landing there.
    const effect = planEffect(records, ctx, new Map())
    assert.ok(!effect.accountTotals.some((a) => a.qboAccount === 'Undeposited Funds'))
    const blocked = effect.accountTotals.find((a) => a.qboAccount === '(blocked: ACCOUNT_TYPE_MISFIT)')
    assert.deepEqual(blocked?.sourceAccounts, ['270 Interest Income'])
  })
})
