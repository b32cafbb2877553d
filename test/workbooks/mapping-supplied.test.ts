// Issue 14, findings 6 and 7 in the mapping workbook: the freight account settings (suggested from the
// chart) and the Exchange rates sheet (direction named in the rate column's header), exported and read back.
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import type {Account} from '../../src/domain/canonical.js'
import type {Overrides} from '../../src/mappers/index.js'
import {
  readMappingWorkbook,
  writeMappingWorkbook,
  type MappingExportInput,
} from '../../src/workbooks/index.js'
import {tempDir} from '../helpers/temp.js'
import {exportInput, headersOf, open} from './mapping-helpers.js'

const FREIGHT: Account = {
  id: '275',
  code: '275',
  name: 'Freight Recovered',
  type: 'otherIncome',
  sourceType: 'Other Income',
  class: 'revenue',
  isHeader: false,
  active: true,
}

function input(overrides: Overrides = {}): MappingExportInput {
  const base = exportInput(overrides)
  return {
    ...base,
    // Only MYOB exports leave freight without an account, so only a MYOB workbook suggests one.
    system: 'myob',
    accounts: [...base.accounts, FREIGHT],
    unratedRecords: [
      {currency: 'USD', date: '2024-07-05'},
      {currency: 'USD', date: '2024-09-30'},
      {currency: 'EUR', date: '2024-08-01'},
    ],
  }
}

async function roundTrip(
  t: Parameters<typeof tempDir>[0],
  edit: (wb: Awaited<ReturnType<typeof open>>) => void,
) {
  const file = join(tempDir(t), 'mapping.xlsx')
  const subject = input()
  await writeMappingWorkbook(subject, file)
  const wb = await open(file)
  edit(wb)
  await wb.xlsx.writeFile(file)
  return readMappingWorkbook(file, subject)
}

describe('mapping workbook: freight accounts and exchange rates', () => {
  it('suggests the freight accounts from the chart in Settings, and reads a choice back', async (t) => {
    const file = join(tempDir(t), 'mapping.xlsx')
    await writeMappingWorkbook(input(), file)
    const settings = (await open(file)).getWorksheet('Settings')!
    assert.equal(settings.getCell('A5').value, 'Freight income account')
    assert.equal(settings.getCell('B5').value, '275')
    assert.match(String(settings.getCell('D5').value), /suggested from the chart: 275 Freight Recovered/)
    assert.equal(settings.getCell('A6').value, 'Freight expense account')
    assert.equal(settings.getCell('B6').value, null)
    assert.match(String(settings.getCell('D6').value), /no account in the chart is named like "Freight"/)

    const overrides = await roundTrip(t, (wb) => {
      wb.getWorksheet('Settings')!.getCell('B6').value = '400'
    })
    assert.deepEqual(overrides.freightAccounts, {sales: '275', purchases: '400'})
  })

  it('suggests no freight account for a Xero company (its freight lines carry their account)', async (t) => {
    const file = join(tempDir(t), 'mapping.xlsx')
    await writeMappingWorkbook({...input(), system: 'xero-csv'}, file)
    const settings = (await open(file)).getWorksheet('Settings')!
    assert.equal(settings.getCell('B5').value, null)
    assert.match(String(settings.getCell('D5').value), /only MYOB exports need it/)
  })

  it('refuses a freight account that is not staged, or a header account', async (t) => {
    await assert.rejects(
      roundTrip(t, (wb) => {
        wb.getWorksheet('Settings')!.getCell('B6').value = '999'
      }),
      /sheet "Settings", row 6, column B \("Value"\): no staged account has the source id "999"/,
    )
  })

  it('lists each currency still without a rate, and reads rates in either direction', async (t) => {
    const file = join(tempDir(t), 'mapping.xlsx')
    await writeMappingWorkbook(input(), file)
    const ws = (await open(file)).getWorksheet('Exchange rates')!
    assert.deepEqual(headersOf(ws), ['Currency', 'From', 'To', 'AUD per unit', 'Records', 'Note'])
    const rows: unknown[][] = []
    ws.eachRow((r, n) => n > 1 && rows.push([1, 2, 3, 4, 5].map((c) => r.getCell(c).value)))
    assert.deepEqual(rows, [
      ['EUR', '2024-08-01', '2024-08-01', null, 1],
      ['USD', '2024-07-05', '2024-09-30', null, 2],
    ])

    const home = await roundTrip(t, (wb) => {
      const sheet = wb.getWorksheet('Exchange rates')!
      sheet.getCell('D3').value = 1.5384615
      sheet.getCell('C3').value = null // no end: from then on
    })
    assert.deepEqual(home.exchangeRates, [
      {currency: 'USD', from: '2024-07-05', to: '9999-12-31', rate: '1.5384615'},
    ])

    // The accountant quotes Xero's way round and says so in the header.
    const xeroWay = await roundTrip(t, (wb) => {
      const sheet = wb.getWorksheet('Exchange rates')!
      sheet.getCell('D1').value = 'Units per AUD'
      sheet.getCell('D3').value = 0.65
    })
    assert.deepEqual(xeroWay.exchangeRates, [
      {currency: 'USD', from: '2024-07-05', to: '2024-09-30', rate: '1.5384615'},
    ])
  })

  it('refuses overlapping ranges and a rate column that does not name its direction', async (t) => {
    await assert.rejects(
      roundTrip(t, (wb) => {
        const sheet = wb.getWorksheet('Exchange rates')!
        sheet.getCell('D3').value = 1.5
        sheet.addRow(['USD', '2024-09-01', '2024-12-31', 1.6])
      }),
      /two rows give USD a rate for the same days/,
    )
    await assert.rejects(
      roundTrip(t, (wb) => {
        const sheet = wb.getWorksheet('Exchange rates')!
        sheet.getCell('D1').value = 'Rate'
        sheet.getCell('D3').value = 1.5
      }),
      /no column headed "AUD per unit"/,
    )
  })
})
