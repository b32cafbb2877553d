import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it, type TestContext} from 'node:test'

import type ExcelJS from 'exceljs'

import {UserInputError} from '../../src/domain/errors.js'
import {mappingChanges} from '../../src/load/mapping-changes.js'
import type {TargetCompany} from '../../src/mappers/index.js'
import {
  readMappingWorkbook,
  writeMappingWorkbook,
  type CellProblem,
  type MappingExportInput,
} from '../../src/workbooks/index.js'
import {buildPlan} from '../../src/load/plan.js'
import {companyContext, loadTarget} from '../mappers/helpers.js'
import {tempDir} from '../helpers/temp.js'
import {columnOf, exportInput, open, rowOf} from './mapping-helpers.js'

/** The fixture's target with a second bank in USD, an income account, and the rates of its GST codes. */
function target(): Partial<TargetCompany> {
  const base = loadTarget()
  const rates: Record<string, [string, string]> = {
    GST: ['10', '0'],
    'GST on non-capital': ['0', '10'],
    'GST-free non-capital': ['0', '0'],
  }
  return {
    accounts: [
      ...base.accounts,
      {Id: '60', Name: 'Sales income', AccountType: 'Income', Active: true},
      {Id: '61', Name: 'Cheque account', AccountType: 'Bank', Active: true},
      {Id: '62', Name: 'USD cheque account', AccountType: 'Bank', currency: 'USD', Active: true},
      {Id: '63', Name: 'Other debtors', AccountType: 'Other Current Asset', Active: true},
    ],
    taxCodes: base.taxCodes.map((c) => {
      const r = rates[c.Name]
      return r ? {...c, salesRate: r[0], purchaseRate: r[1]} : c
    }),
  }
}

/** Exports, applies `change`, imports: the overrides, or the problems of the refusal. */
async function roundTrip(
  t: TestContext,
  change: (wb: ExcelJS.Workbook) => void,
  input: MappingExportInput = exportInput({}, target()),
) {
  const file = join(tempDir(t), 'mapping.xlsx')
  await writeMappingWorkbook(input, file)
  const wb = await open(file)
  change(wb)
  await wb.xlsx.writeFile(file)
  try {
    return {overrides: await readMappingWorkbook(file, input), problems: [] as CellProblem[]}
  } catch (error) {
    assert.ok(error instanceof UserInputError, String(error))
    return {overrides: undefined, problems: (error.data as {problems: CellProblem[]}).problems, error}
  }
}

function put(wb: ExcelJS.Workbook, sheet: string, keys: string[], header: string, value: ExcelJS.CellValue) {
  const ws = wb.getWorksheet(sheet)!
  const row = rowOf(ws, ...keys)
  row.getCell(columnOf(ws, header)).value = value
  return row.number
}

describe('mapping import: choices must fit (issue 16)', () => {
  it('refuses a bank onto an income account at its cell, with the next step; accepts it confirmed', async (t) => {
    let row = 0
    const refused = await roundTrip(t, (wb) => {
      row = put(wb, 'Accounts', ['090'], 'Use QBO account', 'Sales income')
    })
    assert.equal(refused.problems.length, 1)
    const p = refused.problems[0]!
    assert.deepEqual([p.sheet, p.row, p.column, p.header], ['Accounts', row, 'K', 'Use QBO account'])
    assert.match(
      p.message,
      /090 "Business Bank Account" is a bank account but "Sales income" is an income account/,
    )
    assert.match(
      p.message,
      /Choose a QBO account of the same kind, or write "yes" in the Confirm column \(L\) on this row/,
    )

    const kept = await roundTrip(t, (wb) => {
      put(wb, 'Accounts', ['090'], 'Use QBO account', 'Sales income')
      put(wb, 'Accounts', ['090'], 'Confirm', 'Yes')
    })
    assert.deepEqual(kept.problems, [])
    assert.deepEqual(kept.overrides?.accounts, {'090': '60'})
    assert.deepEqual(kept.overrides?.confirmed, {accounts: ['090']})
  })

  it('takes a fitting choice without a confirmation, and records no confirmation it did not need', async (t) => {
    const ok = await roundTrip(t, (wb) => {
      put(wb, 'Accounts', ['090'], 'Use QBO account', 'Cheque account')
      put(wb, 'Accounts', ['091'], 'Use QBO account', 'Cheque account')
      put(wb, 'Accounts', ['091'], 'Confirm', 'yes')
    })
    assert.deepEqual(ok.problems, [])
    assert.deepEqual(ok.overrides?.accounts, {'090': '61', '091': '61'})
    assert.equal(ok.overrides?.confirmed, undefined)
  })

  it('refuses a bank onto a bank of another currency even when confirmed', async (t) => {
    const refused = await roundTrip(t, (wb) => {
      put(wb, 'Accounts', ['090'], 'Use QBO account', 'USD cheque account')
      put(wb, 'Accounts', ['090'], 'Confirm', 'yes')
    })
    assert.equal(refused.problems.length, 1)
    assert.match(refused.problems[0]!.message, /is in AUD but "USD cheque account" is in USD.*same currency/)
  })

  it('refuses a 10% code onto a 0% one unless confirmed', async (t) => {
    let row = 0
    const refused = await roundTrip(t, (wb) => {
      row = put(wb, 'Tax codes', ['INPUT', 'purchase'], 'Use QBO tax code', 'GST-free non-capital')
    })
    assert.deepEqual(
      refused.problems.map((p) => [p.sheet, p.row, p.column]),
      [['Tax codes', row, 'G']],
    )
    assert.match(
      refused.problems[0]!.message,
      /is 10% but the QBO tax code "GST-free non-capital" is 0% for purchases\. Choose a QBO tax code of the same rate, or write "yes" in the Confirm column \(H\)/,
    )
    const kept = await roundTrip(t, (wb) => {
      put(wb, 'Tax codes', ['INPUT', 'purchase'], 'Use QBO tax code', 'GST-free non-capital')
      put(wb, 'Tax codes', ['INPUT', 'purchase'], 'Confirm', true)
    })
    assert.deepEqual(kept.problems, [])
    assert.deepEqual(kept.overrides?.taxCodes, {'INPUT:purchase': '13'})
    assert.deepEqual(kept.overrides?.confirmed, {taxCodes: ['INPUT:purchase']})
  })

  it('reports a Confirm cell that says neither yes nor no', async (t) => {
    const refused = await roundTrip(t, (wb) => {
      put(wb, 'Accounts', ['090'], 'Use QBO account', 'Sales income')
      put(wb, 'Accounts', ['090'], 'Confirm', 'maybe')
    })
    assert.deepEqual(
      refused.problems.map((p) => [
        p.column,
        /not a confirmation/.test(p.message) || /income account/.test(p.message),
      ]),
      [
        ['L', true],
        ['K', true],
      ],
    )
  })

  it("refuses a second source account onto QBO's A/R, pointing at the choice that made it", async (t) => {
    const input = exportInput({}, target())
    input.systemTargets = new Map([['610', '1']])
    let row = 0
    const refused = await roundTrip(
      t,
      (wb) => {
        row = put(wb, 'Accounts', ['630'], 'Use QBO account', 'Accounts Receivable (A/R)')
        put(wb, 'Accounts', ['630'], 'Confirm', 'yes')
      },
      input,
    )
    assert.deepEqual(
      refused.problems.map((p) => [p.row, p.column]),
      [[row, 'K']],
    )
    assert.match(
      refused.problems[0]!.message,
      /610 "Accounts Receivable" and 630 "Inventory" would all post to the QBO account "Accounts Receivable \(A\/R\)", which plays a system role/,
    )
  })

  it('treats blank required cells as errors: a used tax code with no suggestion, a cleared setting', async (t) => {
    const input = exportInput(
      {},
      {...target(), taxCodes: loadTarget().taxCodes.filter((c) => c.Name !== 'GST-free exports')},
    )
    input.usage = {accounts: new Map(), taxLines: new Map([['EXEMPTEXPORT:sales', 3]])}
    let taxRow = 0
    const refused = await roundTrip(
      t,
      (wb) => {
        taxRow = rowOf(wb.getWorksheet('Tax codes')!, 'EXEMPTEXPORT', 'sales').number
        wb.getWorksheet('Settings')!.getCell('B3').value = null
      },
      input,
    )
    assert.deepEqual(
      refused.problems.map((p) => [p.sheet, p.row, p.column]),
      [
        ['Tax codes', taxRow, 'G'],
        ['Settings', 3, 'B'],
      ],
    )
    assert.match(
      refused.problems[0]!.message,
      /blank, but the tool has no QBO tax code to suggest for EXEMPTEXPORT \(sales\) and 3 staged lines use it/,
    )
    assert.match(
      refused.problems[1]!.message,
      /blank but must be filled in; write one of: source, TaxExcluded, TaxInclusive/,
    )
  })

  it('shows per account its records and balance, per tax code its lines and the QBO rate', async (t) => {
    const input = exportInput({taxCodes: {'INPUT:purchase': '13'}}, target())
    input.usage = {
      accounts: new Map([['090', {records: 12, balance: '-345.60'}]]),
      taxLines: new Map([['INPUT:purchase', 7]]),
    }
    const file = join(tempDir(t), 'mapping.xlsx')
    await writeMappingWorkbook(input, file)
    const wb = await open(file)
    const accounts = wb.getWorksheet('Accounts')!
    const bank = rowOf(accounts, '090')
    assert.deepEqual(
      [bank.getCell(columnOf(accounts, 'Records')).value, bank.getCell(columnOf(accounts, 'Balance')).value],
      [12, -345.6],
    )
    const tax = wb.getWorksheet('Tax codes')!
    const input10 = rowOf(tax, 'INPUT', 'purchase')
    assert.deepEqual(
      [input10.getCell(columnOf(tax, 'QBO rate %')).value, input10.getCell(columnOf(tax, 'Lines')).value],
      [0, 7],
    )
    const output = rowOf(tax, 'OUTPUT', 'sales')
    assert.equal(output.getCell(columnOf(tax, 'QBO rate %')).value, 10, "the suggestion's rate")
  })
})

describe('mapping import: accounts the plan creates are choices too', () => {
  it('maps a source account onto the account created for another, and the plan posts there', async (t) => {
    const input = exportInput({}, target())
    input.plannedAccounts = [{sourceId: '270', name: 'Interest Income', type: 'Other Income'}]
    const file = join(tempDir(t), 'mapping.xlsx')
    await writeMappingWorkbook(input, file)
    const wb = await open(file)
    const choices = wb.getWorksheet('Choices')!
    const offered: string[] = []
    choices.getColumn(1).eachCell((c) => offered.push(String(c.value)))
    assert.ok(offered.includes('Interest Income (to be created)'), offered.join(', '))
    const row = rowOf(wb.getWorksheet('Accounts')!, '200')
    row.getCell(columnOf(wb.getWorksheet('Accounts')!, 'Use QBO account')).value =
      'Interest Income (to be created)'
    await wb.xlsx.writeFile(file)
    const overrides = await readMappingWorkbook(file, input)
    assert.deepEqual(overrides.accounts, {'200': 'source:270'})

    const {ctx, records} = companyContext({target: target(), overrides})
    const plan = buildPlan(records, ctx, {effect: true})
    const sales = plan.records.find((r) => r.entity === 'Account' && r.sourceId === '200')!
    assert.deepEqual([sales.action, sales.reason], ['skip', 'mapped onto the account created for 270'])
    const invoice = plan.records.find((r) => r.entity === 'Invoice' && r.sourceId === 'INV-0001')!
    assert.equal(invoice.action, 'create')
    // Nothing posts to a Sales account of its own any more (invoice lines go through the account's item).
    const on = (id: string) =>
      plan.records.filter(
        (r) => r.entity !== 'Account' && r.dependsOn.some((d) => d.entity === 'Account' && d.sourceId === id),
      )
    assert.deepEqual(on('200'), [])
    assert.ok(on('270').length > 0)
    assert.deepEqual(plan.issues, [])
    const landed = plan.effect!.accountTotals.find((a) => a.qboAccount === 'Interest Income (new)')!
    assert.deepEqual(landed.sourceAccounts, ['200 Sales', '270 Interest Income'])

    // Exported again, the choice shows as it was offered.
    const again = join(tempDir(t), 'again.xlsx')
    await writeMappingWorkbook({...input, overrides}, again)
    const accounts = (await open(again)).getWorksheet('Accounts')!
    assert.equal(
      rowOf(accounts, '200').getCell(columnOf(accounts, 'Use QBO account')).value,
      'Interest Income (to be created)',
    )
  })

  it('refuses an account to be created whose own source account is mapped elsewhere', async (t) => {
    const input = exportInput({}, target())
    input.plannedAccounts = [{sourceId: '270', name: 'Interest Income', type: 'Other Income'}]
    const refused = await roundTrip(
      t,
      (wb) => {
        put(wb, 'Accounts', ['200'], 'Use QBO account', 'Interest Income (to be created)')
        put(wb, 'Accounts', ['270'], 'Use QBO account', 'Sales income')
      },
      input,
    )
    assert.equal(refused.problems.length, 1)
    assert.match(
      refused.problems[0]!.message,
      /the account to be created for 270 is not created: 270 has a choice of its own/,
    )
  })
})

describe('mapping import: earlier choices a workbook drops', () => {
  it('lists what changes and what goes back to the suggestion, by name', () => {
    const t = {...loadTarget(), ...target()} as TargetCompany
    const changes = mappingChanges(
      {
        accounts: {'090': '61', '091': '60'},
        taxCodes: {'INPUT:purchase': '13'},
        confirmed: {taxCodes: ['INPUT:purchase']},
        taxPresentation: 'TaxInclusive',
      },
      {accounts: {'090': '61', '091': '62'}, taxPresentation: 'source'},
      t,
    )
    assert.deepEqual(changes, [
      {what: 'account', key: '091', before: 'Sales income', after: 'USD cheque account'},
      {
        what: 'tax code',
        key: 'INPUT:purchase',
        before: 'GST-free non-capital',
        after: "(the tool's suggestion)",
      },
      {what: 'setting', key: 'taxPresentation', before: 'TaxInclusive', after: 'source'},
      {what: 'tax code confirmation', key: 'INPUT:purchase', before: 'yes', after: ''},
    ])
  })
})
