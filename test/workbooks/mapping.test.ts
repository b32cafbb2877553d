import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {buildPlan} from '../../src/load/plan.js'
import {buildContext} from '../../src/mappers/index.js'
import {readMappingWorkbook, writeMappingWorkbook} from '../../src/workbooks/index.js'
import {tempDir} from '../helpers/temp.js'
import {loadCompany} from '../mappers/helpers.js'
import {columnOf, edit, exportInput, headersOf, open, rowOf} from './mapping-helpers.js'

describe('mapping workbook: export', () => {
  it('writes the four editable sheets with the tool suggestions and the QBO reference lists', async (t) => {
    const file = join(tempDir(t), 'mapping.xlsx')
    await writeMappingWorkbook(exportInput(), file)
    const wb = await open(file)
    assert.deepEqual(
      wb.worksheets.map((w) => [w.name, w.state]),
      [
        ['Accounts', 'visible'],
        ['Tax codes', 'visible'],
        ['Tracking', 'visible'],
        ['Settings', 'visible'],
        ['Exchange rates', 'visible'],
        ['Contact names', 'visible'],
        ['QBO accounts', 'visible'],
        ['QBO tax codes', 'visible'],
        ['Choices', 'hidden'],
      ],
    )
    const accounts = wb.getWorksheet('Accounts')!
    assert.deepEqual(headersOf(accounts), [
      'Source id',
      'Code',
      'Name',
      'Source type',
      'Header',
      'System account',
      'Plan',
      'Suggested QBO account',
      'QBO type / subtype',
      'Why',
      'Use QBO account',
      'Confirm',
      'Records',
      'Balance',
    ])
    assert.equal(accounts.views[0]?.state, 'frozen')
    assert.ok(accounts.autoFilter)
    const sales = rowOf(accounts, '200')
    assert.equal(sales.getCell(7).value, 'create')
    assert.equal(sales.getCell(8).value, 'create "Sales"')
    assert.equal(sales.getCell(9).value, 'Income / SalesOfProductIncome')
    assert.equal(sales.getCell(11).value, null, 'nothing overridden yet')
    assert.equal(sales.getCell(11).dataValidation?.type, 'list')
    const ar = rowOf(accounts, '610')
    assert.equal(ar.getCell(6).value, 'AR')
    assert.equal(ar.getCell(8).value, 'Accounts Receivable (A/R)', "QBO's own A/R account")

    const tax = wb.getWorksheet('Tax codes')!
    assert.deepEqual(headersOf(tax), [
      'Source code',
      'Name',
      'Rate %',
      'Direction',
      'Suggested QBO tax code',
      'Why',
      'Use QBO tax code',
      'Confirm',
      'QBO rate %',
      'Lines',
    ])
    assert.equal(rowOf(tax, 'OUTPUT', 'sales').getCell(5).value, 'GST')
    assert.equal(rowOf(tax, 'INPUT', 'purchase').getCell(5).value, 'GST on non-capital')
    assert.equal(rowOf(tax, 'BASEXCLUDED', 'purchase').getCell(5).value, 'Out of Scope')
    assert.equal(rowOf(tax, 'BASEXCLUDED', 'sales').getCell(5).value, 'Out of Scope')

    const tracking = wb.getWorksheet('Tracking')!
    assert.deepEqual(headersOf(tracking), ['Category', 'Options', 'Suggested', 'Use'])
    assert.deepEqual((rowOf(tracking, 'Region').values as unknown[]).slice(1, 4), [
      'Region',
      'North, South',
      'Class',
    ])

    const settings = wb.getWorksheet('Settings')!
    assert.equal(settings.getCell('A2').value, 'Header accounts')
    assert.equal(settings.getCell('B2').value, 'parent')
    assert.equal(settings.getCell('A3').value, 'Tax presentation')
    assert.equal(settings.getCell('B3').value, 'source')
    assert.equal(settings.getCell('A4').value, 'Inventory start date')
    assert.equal(settings.getCell('B4').value, null)
    // B5, B6: the freight accounts (issue 14); then the conversion settings.
    assert.equal(settings.getCell('A7').value, 'Conversion date')
    assert.equal(settings.getCell('B7').value, null)
    assert.equal(settings.getCell('A8').value, 'Open documents at conversion')
    assert.equal(settings.getCell('B8').value, 'outstanding')
  })

  it('reads back an untouched export as the defaults only', async (t) => {
    const input = exportInput()
    const file = join(tempDir(t), 'mapping.xlsx')
    await writeMappingWorkbook(input, file)
    assert.deepEqual(await readMappingWorkbook(file, input), {
      headerAccounts: 'parent',
      taxPresentation: 'source',
      openDocuments: 'outstanding',
      history: 'opening',
    })
  })
})

describe('mapping workbook: round trip', () => {
  it('turns the accountant edits into Overrides that buildContext and the plan take as they are', async (t) => {
    const input = exportInput()
    const dir = tempDir(t)
    const file = join(dir, 'mapping.xlsx')
    await writeMappingWorkbook(input, file)
    const wb = await open(file)
    edit(wb, 'Accounts', ['091'], 'Use QBO account', '  undeposited FUNDS ')
    // A bank onto an Other Current Asset does not fit: kept only as confirmed.
    edit(wb, 'Accounts', ['091'], 'Confirm', 'Yes')
    edit(wb, 'Accounts', ['720'], 'Use QBO account', '(Do not migrate)')
    edit(wb, 'Tax codes', ['EXEMPTEXPORT', 'sales'], 'Use QBO tax code', 'Out of Scope')
    edit(wb, 'Tax codes', ['BASEXCLUDED', 'purchase'], 'Use QBO tax code', '(do not migrate)')
    edit(wb, 'Tracking', ['Region'], 'Use', 'department')
    const settings = wb.getWorksheet('Settings')!
    settings.getCell('B2').value = 'drop'
    settings.getCell('B3').value = 'taxinclusive'
    // As Excel stores a typed date: a date-formatted serial, which exceljs reads as UTC midnight.
    settings.getCell('B4').value = new Date(Date.UTC(2024, 5, 30))
    settings.getCell('B4').numFmt = 'dd/mm/yyyy'
    settings.getCell('B7').value = '2024-06-30'
    settings.getCell('B8').value = 'full'
    settings.getCell('B9').value = 'Monthly'
    await wb.xlsx.writeFile(file)

    const overrides = await readMappingWorkbook(file, input)
    assert.deepEqual(overrides, {
      accounts: {'091': '7', '720': null},
      confirmed: {accounts: ['091']},
      taxCodes: {'EXEMPTEXPORT:sales': '15', 'BASEXCLUDED:purchase': null},
      tracking: {Region: 'Department'},
      headerAccounts: 'drop',
      taxPresentation: 'TaxInclusive',
      inventoryStartDate: '2024-06-30',
      conversionDate: '2024-06-30',
      openDocuments: 'full',
      history: 'monthly',
    })
    const company = loadCompany()
    const ctx = buildContext({
      system: company.system,
      target: input.target,
      // A conversion needs the source's trial balance (test/mappers/conversion.test.ts); the rest applies here.
      overrides: {...overrides, conversionDate: undefined},
      records: company.records,
    })
    const plan = buildPlan(company.records, ctx)
    const savings = plan.records.find((r) => r.entity === 'Account' && r.sourceId === '091')
    assert.deepEqual([savings?.action, savings?.qboId], ['skip', '7'])
    assert.equal(plan.records.find((r) => r.entity === 'Account' && r.sourceId === '720')?.action, 'skip')
    assert.ok(plan.records.some((r) => r.entity === 'Department'))
    assert.ok(!plan.records.some((r) => r.entity === 'Class'))

    // Exported again, the choices show by name in the editable columns.
    const again = join(dir, 'again.xlsx')
    await writeMappingWorkbook(exportInput(overrides), again)
    const wb2 = await open(again)
    const accounts = wb2.getWorksheet('Accounts')!
    assert.equal(
      rowOf(accounts, '091').getCell(columnOf(accounts, 'Use QBO account')).value,
      'Undeposited Funds',
    )
    assert.equal(rowOf(accounts, '091').getCell(columnOf(accounts, 'Plan')).value, 'skip')
    assert.equal(rowOf(accounts, '091').getCell(columnOf(accounts, 'Confirm')).value, 'yes')
    assert.equal(
      rowOf(accounts, '720').getCell(columnOf(accounts, 'Use QBO account')).value,
      '(do not migrate)',
    )
    const tax = wb2.getWorksheet('Tax codes')!
    assert.equal(rowOf(tax, 'EXEMPTEXPORT', 'sales').getCell(7).value, 'Out of Scope')
    assert.equal(
      rowOf(tax, 'EXEMPTEXPORT', 'sales').getCell(5).value,
      'GST-free exports',
      "the suggestion stays the tool's",
    )
    assert.equal(rowOf(wb2.getWorksheet('Tracking')!, 'Region').getCell(4).value, 'Department')
    assert.equal(wb2.getWorksheet('Settings')!.getCell('B4').value, '2024-06-30')
    assert.deepEqual(await readMappingWorkbook(again, input), overrides)
  })
})
