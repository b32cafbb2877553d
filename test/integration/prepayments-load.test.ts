// Issue 26: a Xero company with a prepayment applied to an invoice, an overpayment partly applied and
// partly refunded, a supplier prepayment, a transfer between its bank accounts and a foreign-currency payment
// at a rate other than its invoice's, served by the Xero emulator in Xero's documented shapes (OpenAPI
// Prepayment, Overpayment, Allocation, Payment, BankTransaction.PrepaymentID/OverpaymentID, BankTransfer),
// extracted, loaded into the QBO emulator and reconciled: nothing skipped, 0.00 variance.
import assert from 'node:assert/strict'
import {randomBytes} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import ExcelJS from 'exceljs'

import {startQboEmulator} from '../../src/emulator/qbo/index.js'
import {type XeroCompany, startXeroEmulator} from '../../src/emulator/xero/index.js'
import {planMigration, runLoad} from '../../src/load/migration.js'
import {openQboSession} from '../../src/qbo/index.js'
import {clientReadPort} from '../../src/reconcile/qbo-read-port.js'
import {reconcile} from '../../src/reconcile/reconcile.js'
import {tolerancePolicy} from '../../src/reconcile/tolerance.js'
import {XeroApiAdapter} from '../../src/sources/xero-api/index.js'
import {systemClock} from '../../src/staging/clock.js'
import {openStaging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir} from '../helpers/temp.js'
import {emulatorTokens, stageAll} from '../unit/sources/xero-api/driver.js'

const FIXTURE = new URL('../fixtures/xero-api/', import.meta.url)
const COLLECTIONS = [
  'Accounts',
  'BankTransactions',
  'BankTransfers',
  'Contacts',
  'CreditNotes',
  'Invoices',
  'Items',
  'ManualJournals',
  'Organisation',
  'Overpayments',
  'Payments',
  'Prepayments',
  'TaxRates',
  'TrackingCategories',
]
type Rec = Record<string, unknown>

const msDate = (iso: string) => `/Date(${Date.parse(`${iso}T00:00:00Z`)}+0000)/`
const ACME = {ContactID: 'b0000000-0000-4000-8000-000000000001', Name: 'Acme Pty Ltd'}
const BOLT = {ContactID: 'b0000000-0000-4000-8000-000000000002', Name: 'Bolt Supplies'}
const BANK = {AccountID: 'a0000000-0000-4000-8000-000000000090', Code: '090', Name: 'Business Bank Account'}
const USD_BANK = {AccountID: 'a0000000-0000-4000-8000-000000000095', Code: '095', Name: 'USD Account'}
const INV5 = 'e0000000-0000-4000-8000-000000000005'
const PRE_IN = 'q0000000-0000-4000-8000-000000000002'
const PRE_OUT = 'q0000000-0000-4000-8000-000000000001'
const OVER = 'o0000000-0000-4000-8000-000000000001'
const REFUND = 'p0000000-0000-4000-8000-0000000000r1'
const FX_PAYMENT = 'p0000000-0000-4000-8000-0000000000f1'

/** The hand-made company (test/fixtures/xero-api) plus the money movements of issue 26. */
function company(): XeroCompany {
  const c: Record<string, Rec[]> = {}
  for (const name of COLLECTIONS) {
    const file = JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURE), 'utf8')) as Record<string, Rec[]>
    c[name] = name === 'Organisation' ? file.Organisations! : file[name]!
  }
  // The fixture's tracked widget makes QBO post cost of sales the staged records do not carry (an 18.00
  // inventory variance of its own, not this issue's): untracked here, so every figure here is this issue's.
  for (const item of c.Items!) item.IsTrackedAsInventory = false
  c.Accounts!.push({...USD_BANK, Type: 'BANK', Status: 'ACTIVE', CurrencyCode: 'USD', TaxType: 'BASEXCLUDED'})
  // An invoice paid by a prepayment (in full) and by part of an overpayment.
  c.Invoices!.push({
    InvoiceID: INV5,
    Type: 'ACCREC',
    InvoiceNumber: 'INV-0005',
    Contact: ACME,
    Date: msDate('2024-07-15'),
    DueDate: msDate('2024-07-29'),
    Status: 'AUTHORISED',
    LineAmountTypes: 'NoTax',
    LineItems: [
      {
        Description: 'Fit-out',
        Quantity: 1,
        UnitAmount: 300,
        AccountCode: '200',
        TaxType: 'BASEXCLUDED',
        TaxAmount: 0,
        LineAmount: 300,
      },
    ],
    SubTotal: 300,
    TotalTax: 0,
    Total: 300,
    AmountDue: 185,
    AmountPaid: 115,
    CurrencyCode: 'AUD',
    CurrencyRate: 1,
  })
  c.Prepayments!.push({
    PrepaymentID: PRE_IN,
    Type: 'RECEIVE-PREPAYMENT',
    Contact: ACME,
    Date: msDate('2024-07-10'),
    Status: 'PAID',
    LineAmountTypes: 'NoTax',
    LineItems: [{Description: 'Deposit', UnitAmount: 100, TaxAmount: 0, LineAmount: 100, AccountCode: '610'}],
    SubTotal: 100,
    TotalTax: 0,
    Total: 100,
    RemainingCredit: 0,
    Allocations: [
      {Amount: 100, Date: msDate('2024-07-15'), Invoice: {InvoiceID: INV5, InvoiceNumber: 'INV-0005'}},
    ],
    CurrencyCode: 'AUD',
    CurrencyRate: 1,
  })
  // The bank sides Xero makes for each prepayment and overpayment (the fixture has the overpayment's).
  c.BankTransactions!.push(
    {
      BankTransactionID: 'k0000000-0000-4000-8000-000000000010',
      Type: 'RECEIVE-PREPAYMENT',
      Contact: ACME,
      BankAccount: BANK,
      Date: msDate('2024-07-10'),
      Status: 'AUTHORISED',
      LineAmountTypes: 'NoTax',
      LineItems: [
        {Description: 'Deposit', UnitAmount: 100, TaxAmount: 0, LineAmount: 100, AccountCode: '610'},
      ],
      SubTotal: 100,
      TotalTax: 0,
      Total: 100,
      CurrencyCode: 'AUD',
      PrepaymentID: PRE_IN,
    },
    {
      BankTransactionID: 'k0000000-0000-4000-8000-000000000011',
      Type: 'SPEND-PREPAYMENT',
      Contact: BOLT,
      BankAccount: BANK,
      Date: msDate('2024-07-12'),
      Status: 'AUTHORISED',
      LineAmountTypes: 'Exclusive',
      LineItems: [
        {
          Description: 'Deposit',
          UnitAmount: 40,
          TaxAmount: 4,
          LineAmount: 40,
          AccountCode: '630',
          TaxType: 'INPUT',
        },
      ],
      SubTotal: 40,
      TotalTax: 4,
      Total: 44,
      CurrencyCode: 'AUD',
      PrepaymentID: PRE_OUT,
    },
  )
  const over = c.Overpayments!.find((o) => o.OverpaymentID === OVER)!
  Object.assign(over, {
    Allocations: [
      {Amount: 15, Date: msDate('2024-07-16'), Invoice: {InvoiceID: INV5, InvoiceNumber: 'INV-0005'}},
    ],
    RemainingCredit: 5,
  })
  c.Payments!.push(
    {
      PaymentID: REFUND,
      Date: msDate('2024-07-20'),
      Amount: 10,
      Reference: 'Refund',
      CurrencyRate: 1,
      PaymentType: 'AROVERPAYMENTPAYMENT',
      Status: 'AUTHORISED',
      Account: BANK,
      Overpayment: {OverpaymentID: OVER},
    },
    {
      // The USD invoice (0.654321 USD per AUD) paid at 0.70: a realised exchange loss.
      PaymentID: FX_PAYMENT,
      Date: msDate('2024-07-25'),
      Amount: 50,
      CurrencyRate: 0.7,
      PaymentType: 'ACCRECPAYMENT',
      Status: 'AUTHORISED',
      Account: USD_BANK,
      Invoice: {
        InvoiceID: 'e0000000-0000-4000-8000-000000000004',
        InvoiceNumber: 'INV-0004',
        Type: 'ACCREC',
        CurrencyCode: 'USD',
        Contact: {ContactID: 'b0000000-0000-4000-8000-000000000003', Name: 'Both Ways Co'},
      },
    },
  )
  const usdInvoice = c.Invoices!.find((i) => i.InvoiceID === 'e0000000-0000-4000-8000-000000000004')!
  Object.assign(usdInvoice, {Status: 'PAID', AmountDue: 0, AmountPaid: 50})
  return c as unknown as XeroCompany
}

test(
  'prepayments, an overpayment with a refund, a transfer and an FX payment load and reconcile',
  {timeout: 120_000},
  async (t) => {
    const dir = tempDir(t)
    const xero = await startXeroEmulator({company: company(), rateLimits: false})
    t.after(() => xero.close())
    const qbo = await startQboEmulator({port: 0, timeScale: 60})
    t.after(() => qbo.close())
    const db = join(dir, 'migration.db')
    const staging = openStaging(db)
    t.after(() => staging.close())

    const adapter = new XeroApiAdapter({tokens: emulatorTokens(xero.url, xero.tenantId), baseUrl: xero.url})
    await stageAll(adapter, staging)
    for (const note of adapter.notes) t.diagnostic(note)
    const get = (kind: string, id: string) =>
      staging.staged.get('xero-api', kind, id)?.record as Rec | undefined
    assert.deepEqual(get('payment', PRE_IN)?.allocations, [
      {documentKind: 'invoice', documentId: INV5, amount: '100.00', date: '2024-07-15'},
    ])
    assert.deepEqual(get('payment', OVER)?.refunds, [{id: REFUND, amount: '10.00', date: '2024-07-20'}])
    assert.deepEqual(get('payment', REFUND)?.refundOf, {kind: 'overpayment', id: OVER})
    assert.equal(get('billPayment', PRE_OUT)?.amount, '44.00')
    assert.ok(get('bankTransfer', 't0000000-0000-4000-8000-000000000001'))

    const seed = (await (
      await fetch(`${qbo.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
    ).json()) as {
      refresh_token: string
      realmId: string
    }
    const env: NodeJS.ProcessEnv = {
      QBO_BASE_URL: qbo.url,
      QBO_CLIENT_ID: 'qbo-emulator-client',
      QBO_CLIENT_SECRET: 'qbo-emulator-secret',
      QBO_TOKEN_FILE: join(dir, 'tokens.json'),
      QBO_TOKEN_PASSPHRASE: randomBytes(24).toString('base64url'),
      QBO_REFRESH_TOKEN: seed.refresh_token,
      QBO_REALM_ID: seed.realmId,
    }
    const client = openQboSession(env, silentLogger).client(seed.realmId, {timeScale: 60})
    const plan = await planMigration({staging, client, logger: silentLogger})
    assert.deepEqual(plan.issues, [])
    const loaded = await runLoad(
      {
        staging,
        client,
        logger: silentLogger,
        now: Date.now,
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      },
      {resume: false, batchSize: 30, dbPath: db},
    )
    assert.deepEqual(loaded.parked, [])

    // The prepayment paid INV-0005 in full; the overpayment paid 15 of it and 10 went back: 5 unapplied.
    const qboId = (entity: string, id: string) =>
      staging.idMap.list(seed.realmId).find((e) => e.entity === entity && e.sourceId === id)?.qboId
    const unapplied = async (entity: string, id: string) =>
      Number((await client.read(entity, qboId(entity, id)!)).UnappliedAmt)
    assert.equal(await unapplied('Payment', PRE_IN), 0)
    assert.equal(await unapplied('Payment', OVER), 5)
    assert.equal(await unapplied('BillPayment', PRE_OUT), 44)
    const invoice = await client.read('Invoice', qboId('Invoice', INV5)!)
    assert.equal(Number(invoice.Balance), 185)
    assert.ok(qboId('JournalEntry', REFUND))
    assert.ok(qboId('Transfer', 't0000000-0000-4000-8000-000000000001'))
    assert.ok(qboId('BillPayment', PRE_OUT))

    const rec = await reconcile(
      {staging, port: clientReadPort(client), clock: systemClock, logger: silentLogger},
      {tolerance: tolerancePolicy(), out: join(dir, 'reconciliation.xlsx')},
    )
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(dir, 'reconciliation.xlsx'))
    for (const sheet of ['Trial Balance', 'AR Aging', 'AP Aging'])
      wb.getWorksheet(sheet)?.eachRow((row) => {
        const text = JSON.stringify(row.values)
        if (!/"agrees"/.test(text)) t.diagnostic(`${sheet}: ${text}`)
      })
    // The USD payment banked 50 / 0.70 = 71.43 AUD against an invoice booked at 50 / 0.654321 = 76.42: AR
    // clears only because both sides realised the 4.99 exchange loss (closed into retained earnings by now).
    const rows = new Map<string, unknown[]>()
    wb.getWorksheet('Trial Balance')!.eachRow((row) => {
      const v = row.values as unknown[]
      rows.set(String(v[3]), v)
    })
    assert.deepEqual(rows.get('USD Account')?.slice(1, 3), ['agrees', rows.get('USD Account')?.[2]])
    assert.equal(rows.get('USD Account')?.[7], 71.43)
    for (const [name, v] of rows) if (name !== 'QBO account name') assert.equal(v[1], 'agrees', name)
    assert.equal(rec.trialBalance.variance, 0)
    assert.equal(rec.withinTolerance, true)
    assert.equal(rec.matchRate, 1)
  },
)
