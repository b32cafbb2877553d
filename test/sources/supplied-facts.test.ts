// Issue 14, findings 5, 6 and 7: MYOB exchange rates are inverted (MYOB quotes foreign per home), MYOB
// freight takes a freight account (the chart's, or the mapping workbook's setting) and those documents plan,
// and a Xero CSV extract takes exchange rates from a rates file or the mapping workbook.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test, type TestContext} from 'node:test'

import type {Invoice, Payment} from '../../src/domain/canonical.js'
import {amountText, dec} from '../../src/domain/money.js'
import {buildPlan} from '../../src/load/plan.js'
import {readStagedCompany, saveUserOverrides, userOverrides} from '../../src/load/staged-company.js'
import {buildContext, type TargetCompany} from '../../src/mappers/index.js'
import {runExtract} from '../../src/sources/run-extract.js'
import type {Staging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir, tempStaging} from '../helpers/temp.js'
import {loadTarget} from '../mappers/helpers.js'

async function extract(
  t: TestContext,
  from: 'myob' | 'xero-csv',
  files: Record<string, string>,
  staging: Staging = tempStaging(t).staging,
) {
  const dir = tempDir(t)
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  const result = await runExtract(staging, {from, path: dir, logger: silentLogger})
  const get = <T>(kind: string, id: string): T => {
    const r = staging.staged.get(from, kind, id)
    if (!r) throw new Error(`no ${kind} ${id}: ${JSON.stringify(result.files)}`)
    return r.record as T
  }
  return {result, get, staging}
}

/** The plan of what is staged, against an AU QBO company with multicurrency on. */
function plan(staging: Staging) {
  const {system, records} = readStagedCompany(staging)
  const target: TargetCompany = {...loadTarget(), multiCurrency: true}
  const ctx = buildContext({system, target, overrides: userOverrides(staging), records})
  return buildPlan(records, ctx)
}

const planned = (p: ReturnType<typeof plan>, entity: string, id: string) => {
  const r = p.records.find((x) => x.entity === entity && x.sourceId === id)
  if (!r) throw new Error(`no ${entity} ${id} in the plan`)
  return r
}

const ACCOUNTS = [
  'Account Number\tAccount Name\tHeader\tAccount Type',
  '1-1110\tCheque Account\t\tBank',
  '1-1120\tUSD Account\t\tBank',
  '1-1200\tTrade Debtors\t\tAccounts Receivable',
  '2-1200\tTrade Creditors\t\tAccounts Payable',
  '4-1000\tSales\t\tIncome',
  '4-4000\tFreight Income\t\tIncome',
  '5-2000\tFreight Paid\t\tCost of Sales',
  '6-1000\tAdvertising\t\tExpense',
  '',
].join('\r\n')

const SALE_HEADER =
  'Co./Last Name\tInvoice #\tDate\tAccount #\tAmount\tTax Code\tGST Amount\tFreight Amount\tFreight Tax Code\tFreight GST Amount\tCurrency Code\tExchange Rate'

test('finding 5: MYOB quotes foreign units per AUD, so 1,000.00 USD at 0.65 is 1,538.46 AUD', async (t) => {
  const {get, staging} = await extract(t, 'myob', {
    'accounts.txt': ACCOUNTS,
    'sale.txt': [
      SALE_HEADER,
      'Yankee Imports\t00000001\t1/07/2023\t4-1000\t"$1,000.00"\tFRE\t$.00\t$.00\tGST\t$.00\tUSD\t0.65',
      '',
    ].join('\r\n'),
    'custpayt.txt': [
      'Deposit Account\tID #\tDate\tCo./Last Name\tInvoice #\tAmount Applied\tCurrency Code\tExchange Rate',
      '1-1120\tR1\t5/07/2023\tYankee Imports\t00000001\t"$1,000.00"\tUSD\t0.65',
      '',
    ].join('\r\n'),
  })
  const inv = get<Invoice>('invoice', '00000001')
  assert.equal(inv.exchangeRate, '1.5384615')
  assert.equal(amountText(dec(inv.total).times(inv.exchangeRate ?? '1')), '1538.46')
  const payment = get<Payment>('payment', '2023-07-05|Yankee Imports|R1|00000001')
  assert.equal(payment.exchangeRate, '1.5384615')
  // What QBO is sent: home units per foreign unit.
  const p = plan(staging)
  assert.equal(planned(p, 'Invoice', '00000001').payload?.ExchangeRate, 1.5384615)
})

test('finding 6: MYOB freight posts to the chart account named like "Freight"; the documents plan, showing the choice', async (t) => {
  const {get, staging} = await extract(t, 'myob', {
    'accounts.txt': ACCOUNTS,
    'sale.txt': [
      SALE_HEADER,
      'Harbour Cafe\t00000002\t3/07/2023\t4-1000\t$100.00\tGST\t$10.00\t$20.00\tGST\t$2.00\tAUD\t1',
      '',
    ].join('\r\n'),
    'servpur.txt': [
      'Co./Last Name\tPurchase No.\tDate\tAccount #\tAmount\tTax Code\tGST Amount\tFreight Amount\tFreight Tax Code\tFreight GST Amount',
      'Fast Couriers\tP0000001\t4/07/2023\t6-1000\t$50.00\tGST\t$5.00\t$15.00\tGST\t$1.50',
      '',
    ].join('\r\n'),
  })
  const inv = get<Invoice>('invoice', '00000002')
  const freight = inv.lines.find((l) => l.freight)
  assert.deepEqual([freight?.accountId, freight?.lineAmount, freight?.taxAmount], ['4-4000', '20.00', '2.00'])
  assert.equal(inv.total, '132.00')
  const bill = get<Invoice>('bill', 'P0000001')
  assert.equal(bill.lines.find((l) => l.freight)?.accountId, '5-2000')
  const p = plan(staging)
  const invoice = planned(p, 'Invoice', '00000002')
  assert.deepEqual(invoice.issues, [])
  assert.equal(invoice.action, 'create')
  assert.ok(
    invoice.decisions.some((d) => d.code === 'FREIGHT_ACCOUNT' && /4-4000 Freight Income/.test(d.message)),
  )
  assert.equal(planned(p, 'Bill', 'P0000001').action, 'create')
})

test('finding 6: without a freight account the document is blocked with the setting to fill; the setting then applies at extract', async (t) => {
  const chart = ACCOUNTS.replace('4-4000\tFreight Income\t\tIncome\r\n', '')
  const sale = [
    SALE_HEADER,
    'Harbour Cafe\t00000002\t3/07/2023\t4-1000\t$100.00\tGST\t$10.00\t$20.00\tGST\t$2.00\tAUD\t1',
    '',
  ].join('\r\n')
  const first = await extract(t, 'myob', {'accounts.txt': chart, 'sale.txt': sale})
  const blocked = planned(plan(first.staging), 'Invoice', '00000002')
  assert.equal(blocked.action, 'blocked')
  assert.equal(blocked.issues[0]?.code, 'FREIGHT_ACCOUNT_MISSING')
  assert.match(blocked.issues[0]?.fix ?? '', /"Freight income account" in the Settings sheet/)

  // The accountant picks an account in the mapping workbook; it is saved, and stale until the next extract.
  saveUserOverrides(first.staging, {freightAccounts: {sales: '4-1000'}})
  const again = await extract(t, 'myob', {'accounts.txt': chart, 'sale.txt': sale}, first.staging)
  assert.equal(again.get<Invoice>('invoice', '00000002').lines.find((l) => l.freight)?.accountId, '4-1000')
  const ok = planned(plan(first.staging), 'Invoice', '00000002')
  assert.equal(ok.action, 'create')
  assert.ok(
    ok.decisions.some(
      (d) => d.code === 'FREIGHT_ACCOUNT' && /the mapping workbook's setting/.test(d.message),
    ),
  )
})

const XERO_CHART = '*Code,*Name,*Type,*Tax Code\r\n200,Sales,Revenue,GST on Income\r\n'
const XERO_SALES =
  'ContactName,InvoiceNumber,InvoiceDate,DueDate,Description,Quantity,UnitAmount,AccountCode,TaxType,Currency\r\n' +
  'Yankee Imports,INV-1,15/07/2023,14/08/2023,Work,1,1000.00,200,GST Free Income,USD\r\n' +
  'Yankee Imports,INV-2,15/01/2024,14/02/2024,Work,1,1000.00,200,GST Free Income,USD\r\n'

test('finding 7: a rates file beside the Xero exports gives foreign documents their rate, in the direction its header names', async (t) => {
  const {get, staging} = await extract(t, 'xero-csv', {
    'coa.csv': XERO_CHART,
    'sales.csv': XERO_SALES,
    'rates.csv':
      'Currency,From,To,Units per AUD\r\nUSD,2023-07-01,2023-12-31,0.65\r\nUSD,01/01/2024,,0.64\r\n',
  })
  assert.equal(get<Invoice>('invoice', 'INV-1').exchangeRate, '1.5384615')
  assert.equal(get<Invoice>('invoice', 'INV-2').exchangeRate, '1.5625')
  const inv1 = planned(plan(staging), 'Invoice', 'INV-1')
  assert.equal(inv1.action, 'create', JSON.stringify(inv1.issues))

  const direct = await extract(t, 'xero-csv', {
    'coa.csv': XERO_CHART,
    'sales.csv': XERO_SALES,
    'rates.csv': 'Currency,Date,AUD per unit\r\nUSD,15/07/2023,1.52\r\n',
  })
  assert.equal(direct.get<Invoice>('invoice', 'INV-1').exchangeRate, '1.52')
  assert.equal(direct.get<Invoice>('invoice', 'INV-2').exchangeRate, undefined, 'no rate for that day')
  const missing = planned(plan(direct.staging), 'Invoice', 'INV-2')
  assert.equal(missing.issues[0]?.code, 'EXCHANGE_RATE_MISSING')
  assert.match(
    missing.issues[0]?.fix ?? '',
    /"Exchange rates" sheet of the mapping workbook.*or in a rates CSV/,
  )
})

test('finding 7: a rates file whose rate column does not name its direction, or gives two rates for a day, is refused', async (t) => {
  const bare = await extract(t, 'xero-csv', {'rates.csv': 'Currency,Date,Rate\r\nUSD,15/07/2023,0.65\r\n'})
  const refused = bare.result.files.find((f) => f.path.endsWith('rates.csv'))
  assert.equal(refused?.status, 'rejected')
  assert.match(
    refused?.error?.message ?? '',
    /Exchange rates \(your own file\) \(but lacks Home per unit or Units per home\)/,
  )
  const other = await extract(t, 'xero-csv', {
    'rates.csv': 'Currency,Date,USD per unit\r\nUSD,15/07/2023,0.65\r\n',
  })
  assert.match(
    other.result.files.find((f) => f.path.endsWith('rates.csv'))?.error?.message ?? '',
    /names USD, but the home currency is AUD/,
  )
  const overlap = await extract(t, 'xero-csv', {
    'rates.csv': 'Currency,From,To,AUD per unit\r\nUSD,2023-07-01,2023-12-31,1.5\r\nUSD,2023-12-01,,1.6\r\n',
  })
  assert.match(
    overlap.result.files.find((f) => f.path.endsWith('rates.csv'))?.error?.message ?? '',
    /two rates for USD cover the same days/,
  )
})

test('finding 7: rates imported from the mapping workbook apply at the next extract (the plan says so until then)', async (t) => {
  const files = {'coa.csv': XERO_CHART, 'sales.csv': XERO_SALES}
  const first = await extract(t, 'xero-csv', files)
  assert.equal(planned(plan(first.staging), 'Invoice', 'INV-1').issues[0]?.code, 'EXCHANGE_RATE_MISSING')
  saveUserOverrides(first.staging, {
    exchangeRates: [{currency: 'USD', from: '2023-07-01', to: '9999-12-31', rate: '1.5384615'}],
  })
  const stale = planned(plan(first.staging), 'Invoice', 'INV-1')
  assert.match(stale.issues[0]?.fix ?? '', /run `qbo migrate extract` again to apply it/)
  const again = await extract(t, 'xero-csv', files, first.staging)
  assert.equal(again.get<Invoice>('invoice', 'INV-2').exchangeRate, '1.5384615')
  assert.equal(planned(plan(first.staging), 'Invoice', 'INV-1').action, 'create')
})

test('finding 5: a MYOB supplier payment in a foreign currency is inverted too', async (t) => {
  const {get} = await extract(t, 'myob', {
    'suppayt.txt': [
      'Cheque Account\tCheque #\tDate\tCo./Last Name\tPurchase #\tAmount Applied\tCurrency Code\tExchange Rate',
      '1-1120\t101\t5/07/2023\tYankee Imports\tP0000009\t$325.00\tUSD\t0.65',
      '',
    ].join('\r\n'),
  })
  const pay = get<Payment>('billPayment', '2023-07-05|Yankee Imports|101|P0000009')
  assert.equal(pay.exchangeRate, '1.5384615')
  assert.equal(amountText(dec(pay.amount).times(pay.exchangeRate ?? '1')), '500.00')
})
