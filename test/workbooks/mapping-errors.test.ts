import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it, type TestContext} from 'node:test'

import type ExcelJS from 'exceljs'

import {UserInputError} from '../../src/domain/errors.js'
import type {TargetCompany} from '../../src/mappers/index.js'
import {readMappingWorkbook, writeMappingWorkbook, type CellProblem} from '../../src/workbooks/index.js'
import {tempDir} from '../helpers/temp.js'
import {columnOf, exportInput, open, rowOf} from './mapping-helpers.js'

interface Expected {
  sheet: string
  row: number
  column: string
  message: RegExp
}

/** Exports, lets `change` edit the workbook, imports, and returns the problems of the UserInputError. */
async function importProblems(
  t: TestContext,
  change: (wb: ExcelJS.Workbook) => Expected,
  target: Partial<TargetCompany> = {},
): Promise<{problems: CellProblem[]; expected: Expected; error: UserInputError}> {
  const input = exportInput({}, target)
  const file = join(tempDir(t), 'mapping.xlsx')
  await writeMappingWorkbook(input, file)
  const wb = await open(file)
  const expected = change(wb)
  await wb.xlsx.writeFile(file)
  const error = await readMappingWorkbook(file, input).then(
    () => assert.fail('the import should have failed'),
    (e: unknown) => e,
  )
  assert.ok(error instanceof UserInputError, `a UserInputError, got ${String(error)}`)
  assert.match(error.next, /qbo migrate mapping import/)
  const problems = (error.data as {problems: CellProblem[]}).problems
  return {problems, expected, error}
}

function assertProblem(problems: CellProblem[], e: Expected) {
  const p = problems.find((x) => x.sheet === e.sheet && x.row === e.row && x.column === e.column)
  assert.ok(p, `a problem at ${e.sheet}!${e.column}${e.row}; got ${JSON.stringify(problems)}`)
  assert.match(p.message, e.message)
}

/** Sets the cell under `header` in the row keyed by `keys`; returns where it is. */
function put(wb: ExcelJS.Workbook, sheet: string, keys: string[], header: string, value: ExcelJS.CellValue) {
  const ws = wb.getWorksheet(sheet)!
  const row = rowOf(ws, ...keys)
  const cell = row.getCell(columnOf(ws, header))
  cell.value = value
  return {sheet, row: row.number, column: cell.address.replace(/\d+$/, '')}
}

/** Appends a row to a sheet; returns its number. */
function append(wb: ExcelJS.Workbook, sheet: string, values: ExcelJS.CellValue[]): number {
  return wb.getWorksheet(sheet)!.addRow(values).number
}

describe('mapping workbook: import validation (sheet, row and column of each problem)', () => {
  it('rejects an account name the QBO company does not have', async (t) => {
    const {problems, expected, error} = await importProblems(t, (wb) => ({
      ...put(wb, 'Accounts', ['200'], 'Use QBO account', 'Sales Income'),
      message: /no account named "Sales Income"/,
    }))
    assertProblem(problems, expected)
    assert.deepEqual(expected, {...expected, sheet: 'Accounts', column: 'K'})
    assert.match(error.message, /sheet "Accounts", row \d+, column K \("Use QBO account"\)/)
  })

  it('rejects an inactive QBO account, and a name two QBO accounts share', async (t) => {
    const accounts = [
      ...exportInput().target.accounts,
      {Id: '90', Name: 'Old Bank', AccountType: 'Bank', Active: false},
      {Id: '91', Name: 'Supplies', AccountType: 'Expense', Active: true},
      {Id: '92', Name: 'Supplies', AccountType: 'Expense', Active: true},
    ]
    let ambiguous: Expected | undefined
    const {problems, expected} = await importProblems(
      t,
      (wb) => {
        ambiguous = {
          ...put(wb, 'Accounts', ['400'], 'Use QBO account', 'supplies'),
          message: /2 QBO accounts are named.*Ids 91, 92/,
        }
        return {
          ...put(wb, 'Accounts', ['091'], 'Use QBO account', 'Old Bank'),
          message: /"Old Bank" is inactive/,
        }
      },
      {accounts},
    )
    assertProblem(problems, expected)
    assertProblem(problems, ambiguous!)
  })

  it('rejects a tax code QBO has, but not for the direction of the row', async (t) => {
    const {problems, expected} = await importProblems(t, (wb) => ({
      ...put(wb, 'Tax codes', ['INPUT', 'purchase'], 'Use QBO tax code', 'GST'),
      message: /"GST" has no purchase rate/,
    }))
    assertProblem(problems, {...expected, column: 'G'})
  })

  it('rejects values outside the allowed lists: tracking, direction, settings', async (t) => {
    const more: Expected[] = []
    const {problems, expected} = await importProblems(t, (wb) => {
      more.push({
        ...put(wb, 'Tax codes', ['OUTPUT', 'sales'], 'Direction', 'income'),
        message: /"income".*sales, purchase/,
      })
      more.push({sheet: 'Settings', row: 2, column: 'B', message: /"flat".*parent, drop/})
      wb.getWorksheet('Settings')!.getCell('B2').value = 'flat'
      more.push({
        sheet: 'Settings',
        row: 3,
        column: 'B',
        message: /"gross".*source, TaxExcluded, TaxInclusive/,
      })
      wb.getWorksheet('Settings')!.getCell('B3').value = 'gross'
      return {
        ...put(wb, 'Tracking', ['Region'], 'Use', 'Location'),
        message: /"Location".*Class, Department, \(not migrated\)/,
      }
    })
    assertProblem(problems, {...expected, column: 'D'})
    for (const e of more) assertProblem(problems, e)
    assert.equal(problems.length, 4, 'every problem is reported at once')
  })

  it('rejects a date that is not a calendar date', async (t) => {
    const {problems} = await importProblems(t, (wb) => {
      wb.getWorksheet('Settings')!.getCell('B4').value = '2024-06-31'
      return {sheet: 'Settings', row: 4, column: 'B', message: /"2024-06-31" is not a date.*YYYY-MM-DD/}
    })
    assertProblem(problems, {sheet: 'Settings', row: 4, column: 'B', message: /not a date/})
  })

  it('rejects duplicate rows on every sheet, naming the first one', async (t) => {
    const expected: Expected[] = []
    const {problems} = await importProblems(t, (wb) => {
      const first = rowOf(wb.getWorksheet('Accounts')!, '200').number
      const a = append(wb, 'Accounts', ['200', '', '', '', '', '', '', '', '', '', 'Undeposited Funds'])
      expected.push({
        sheet: 'Accounts',
        row: a,
        column: 'A',
        message: new RegExp(`listed twice \\(first on row ${first}\\)`),
      })
      const tx = append(wb, 'Tax codes', ['OUTPUT', '', '', 'sales', '', '', 'GST'])
      expected.push({sheet: 'Tax codes', row: tx, column: 'A', message: /listed twice/})
      const tr = append(wb, 'Tracking', ['region', '', '', 'Class'])
      expected.push({sheet: 'Tracking', row: tr, column: 'A', message: /listed twice/})
      const st = append(wb, 'Settings', ['Header accounts', 'drop'])
      expected.push({sheet: 'Settings', row: st, column: 'A', message: /listed twice/})
      return expected[0]!
    })
    for (const e of expected) assertProblem(problems, e)
  })

  it('rejects source ids, codes, categories and settings that were never staged', async (t) => {
    const expected: Expected[] = []
    const {problems} = await importProblems(t, (wb) => {
      const a = append(wb, 'Accounts', ['999', '', '', '', '', '', '', '', '', '', 'Undeposited Funds'])
      expected.push({
        sheet: 'Accounts',
        row: a,
        column: 'A',
        message: /no staged account has the source id "999"/,
      })
      const tx = append(wb, 'Tax codes', ['WET', '', '', 'sales', '', '', 'GST'])
      expected.push({
        sheet: 'Tax codes',
        row: tx,
        column: 'A',
        message: /no staged tax rate has the code "WET"/,
      })
      const tr = append(wb, 'Tracking', ['Project', '', '', 'Class'])
      expected.push({
        sheet: 'Tracking',
        row: tr,
        column: 'A',
        message: /no staged tracking category is named "Project"/,
      })
      const st = append(wb, 'Settings', ['Currency', 'AUD'])
      expected.push({sheet: 'Settings', row: st, column: 'A', message: /unknown setting "Currency"/})
      const blank = append(wb, 'Accounts', ['', '', '', '', '', '', '', '', '', '', 'Undeposited Funds'])
      expected.push({sheet: 'Accounts', row: blank, column: 'A', message: /without a source id/})
      return expected[0]!
    })
    for (const e of expected) assertProblem(problems, e)
  })

  it('reads a source id Excel turned into a number (090 typed again becomes 90)', async (t) => {
    const input = exportInput()
    const file = join(tempDir(t), 'mapping.xlsx')
    await writeMappingWorkbook(input, file)
    const wb = await open(file)
    const ws = wb.getWorksheet('Accounts')!
    const row = rowOf(ws, '090')
    row.getCell(1).value = 90
    row.getCell(columnOf(ws, 'Use QBO account')).value = 'Undeposited Funds'
    row.getCell(columnOf(ws, 'Confirm')).value = 'yes'
    await wb.xlsx.writeFile(file)
    assert.deepEqual((await readMappingWorkbook(file, input)).accounts, {'090': '7'})
  })

  it('reports a missing sheet, a missing column and an error value in a cell', async (t) => {
    const expected: Expected[] = []
    const {problems} = await importProblems(t, (wb) => {
      wb.removeWorksheet(wb.getWorksheet('Tracking')!.id)
      expected.push({sheet: 'Tracking', row: 1, column: 'A', message: /sheet "Tracking" is missing/})
      wb.getWorksheet('Tax codes')!.getCell('G1').value = 'QBO code'
      expected.push({sheet: 'Tax codes', row: 1, column: 'G', message: /no column headed "Use QBO tax code"/})
      expected.push({
        ...put(wb, 'Accounts', ['400'], 'Use QBO account', {error: '#N/A'}),
        message: /error value/,
      })
      return expected[0]!
    })
    for (const e of expected) assertProblem(problems, e)
  })

  it('says what to do when the file is missing or not a workbook', async (t) => {
    const dir = tempDir(t)
    const input = exportInput()
    await assert.rejects(readMappingWorkbook(join(dir, 'nope.xlsx'), input), (e: unknown) => {
      assert.ok(e instanceof UserInputError)
      assert.match(e.message, /does not exist/)
      assert.match(e.next, /qbo migrate mapping export/)
      return true
    })
    const text = join(dir, 'mapping.xlsx')
    writeFileSync(text, 'Source id,Use QBO account\n200,Sales\n')
    await assert.rejects(readMappingWorkbook(text, input), (e: unknown) => {
      assert.ok(e instanceof UserInputError)
      assert.match(e.message, /cannot be read as an Excel workbook/)
      return true
    })
  })
})
