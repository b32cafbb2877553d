import ExcelJS from 'exceljs'

import {writeAtomically} from '../../io/atomic-file.js'
import {writeTableSheet} from '../sheet.js'
import {FILL, type Column} from '../style.js'
import {type Choice, choiceLengths, dropDown, writeChoices} from './choices.js'
import {
  ACCOUNT_COLUMNS,
  CONTACT_NAME_COLUMNS,
  rateColumns,
  HEADER_ACCOUNT_CHOICES,
  HISTORY_CHOICES,
  OPEN_DOCUMENT_CHOICES,
  SETTINGS,
  SETTINGS_COLUMNS,
  SHEETS,
  TAX_COLUMNS,
  TAX_PRESENTATION_CHOICES,
  TRACKING_COLUMNS,
} from './layout.js'
import {mappingRows, type MappingExportInput} from './suggest.js'

function sheet<R extends object>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly Column[],
  rows: readonly R[],
  editable?: {choice: Choice; length: number; strict: boolean; confirm?: number},
): void {
  const use = columns.findIndex((c) => c.key === 'use') + 1
  const confirm = columns.findIndex((c) => c.key === 'confirm') + 1
  writeTableSheet(
    wb,
    {
      name,
      columns,
      style: (row) => {
        if (!editable) return
        dropDown(row.getCell(use), editable.choice, editable.length, editable.strict)
        if (confirm > 0 && editable.confirm)
          dropDown(row.getCell(confirm), 'confirm', editable.confirm, false)
      },
    },
    // An empty cell, not an empty string: the accountant's editable cells must read back as blank.
    rows.map((r) =>
      columns.map((c) => {
        const v = (r as Record<string, unknown>)[c.key]
        return v === '' ? null : v
      }),
    ),
  )
}

/**
 * The mapping workbook for `qbo migrate mapping export`: the tool's suggestion for every account, tax code
 * and tracking category, an editable column for the accountant's choice (yellow, with drop-downs), the
 * settings, and the target company's accounts and tax codes for reference. Written atomically.
 */
export async function writeMappingWorkbook(input: MappingExportInput, file: string): Promise<void> {
  const rows = mappingRows(input)
  const wb = new ExcelJS.Workbook()
  wb.creator = 'qbo-toolkit'
  const lengths = choiceLengths(input)
  sheet(wb, SHEETS.accounts, ACCOUNT_COLUMNS, rows.accounts, {
    choice: 'accounts',
    length: lengths.accounts,
    strict: false,
    confirm: lengths.confirm,
  })
  sheet(wb, SHEETS.taxCodes, TAX_COLUMNS, rows.taxCodes, {
    choice: 'taxCodes',
    length: lengths.taxCodes,
    strict: false,
    confirm: lengths.confirm,
  })
  sheet(wb, SHEETS.tracking, TRACKING_COLUMNS, rows.tracking, {
    choice: 'tracking',
    length: lengths.tracking,
    strict: true,
  })
  writeSettings(wb, rows.settings, lengths)
  writeRates(wb, input.target.homeCurrency, rows.exchangeRates)
  sheet(wb, SHEETS.contactNames, CONTACT_NAME_COLUMNS, rows.contactNames)
  writeReference(wb, input)
  // Last, so Excel opens on Accounts; formulas may point at a later sheet.
  writeChoices(wb, input)
  await writeAtomically(file, (tmp) => wb.xlsx.writeFile(tmp))
}

/** One setting: its row of the Settings sheet, and the drop-down of its value cell (none: typed in). */
interface Setting {
  cells: readonly unknown[]
  choice?: Choice
}

function writeSettings(
  wb: ExcelJS.Workbook,
  s: ReturnType<typeof mappingRows>['settings'],
  lengths: Record<Choice, number>,
) {
  const settings: Setting[] = [
    {
      cells: [
        SETTINGS.headerAccounts,
        s.headerAccounts,
        HEADER_ACCOUNT_CHOICES.join(' | '),
        'MYOB header accounts: created as parent accounts in QBO (parent), or not created (drop).',
      ],
      choice: 'headerAccounts',
    },
    {
      cells: [
        SETTINGS.taxPresentation,
        s.taxPresentation,
        TAX_PRESENTATION_CHOICES.join(' | '),
        'How taxed documents are presented in QBO: as in the source (source), or all exclusive / all inclusive of tax.',
      ],
      choice: 'taxPresentation',
    },
    {
      cells: [
        SETTINGS.inventoryStartDate,
        s.inventoryStartDate || null,
        'YYYY-MM-DD, or blank',
        'Inventory start date for tracked items the source gave no quantity date (moved to the first document that uses the item when later).',
      ],
    },
    ...(
      [
        [SETTINGS.freightIncomeAccount, 'sales', 'collected on sales'],
        [SETTINGS.freightExpenseAccount, 'purchases', 'paid on purchases'],
      ] as const
    ).map(([setting, side, what]) => ({
      cells: [
        setting,
        s.freight[side].value || null,
        'a source id from the Accounts sheet, or blank',
        `The account freight ${what} posts to (MYOB exports carry freight amounts, but not the linked account). ${s.freight[side].suggestion}. Applied at the next \`qbo migrate extract\`.`,
      ],
    })),
    {
      cells: [
        SETTINGS.conversionDate,
        s.conversionDate || null,
        'YYYY-MM-DD, or blank',
        "Blank migrates the whole history. A date migrates as at that date: the source's trial balance at the date as opening balances, the documents still open at it, and everything after it (export the Trial Balance and aged summaries as at the date with the other files). Needed for Xero CSV exports, which carry no payments.",
      ],
    },
    {
      cells: [
        SETTINGS.openDocuments,
        s.openDocuments,
        OPEN_DOCUMENT_CHOICES.join(' | '),
        'With a conversion date: each document open at the date is loaded with what is still owed (outstanding), or in full with the part paid before the date as one payment into Conversion Clearing (full).',
      ],
      choice: 'openDocuments',
    },
    {
      cells: [
        SETTINGS.history,
        s.history,
        HISTORY_CHOICES.join(' | '),
        'With a conversion date: the history before it as one opening balance journal (opening), or as monthly summary journals per account at each month end whose trial balance was extracted (monthly).',
      ],
      choice: 'history',
    },
  ]
  writeTableSheet(
    wb,
    {
      name: SHEETS.settings,
      columns: SETTINGS_COLUMNS,
      cells: (setting) => setting.cells,
      style: (row, {choice}) => {
        if (choice) dropDown(row.getCell(2), choice, lengths[choice], true)
        else row.getCell(2).fill = FILL.edit
      },
    },
    settings,
  )
}

/** Exchange rates: the rates in force and the currencies still without one; the rate cells are editable. */
function writeRates(
  wb: ExcelJS.Workbook,
  home: string,
  rows: ReturnType<typeof mappingRows>['exchangeRates'],
) {
  writeTableSheet(
    wb,
    {
      name: SHEETS.exchangeRates,
      columns: rateColumns(home),
      cells: (r) => [
        r.currency,
        r.from,
        r.to || null,
        r.rate === '' ? null : Number(r.rate),
        r.records,
        r.note,
      ],
      style: (row) => (row.getCell(4).fill = FILL.edit),
    },
    rows,
  )
}

function writeReference(wb: ExcelJS.Workbook, input: MappingExportInput) {
  writeTableSheet(
    wb,
    {
      name: SHEETS.qboAccounts,
      columns: [
        {header: 'Name', key: 'name', width: 40},
        {header: 'Number', key: 'number', width: 10},
        {header: 'Type', key: 'type', width: 26},
        {header: 'Detail type', key: 'subType', width: 30},
        {header: 'Active', key: 'active', width: 8},
        {header: 'Id', key: 'id', width: 8},
        {header: 'Currency', key: 'currency', width: 10},
      ],
    },
    [
      ...input.target.accounts.map((a) => [
        a.Name,
        a.AcctNum ?? '',
        a.AccountType,
        a.AccountSubType ?? '',
        a.Active ? 'yes' : 'no',
        a.Id,
        a.currency ?? input.target.homeCurrency,
      ]),
      // Accounts the plan creates are choices too (a second source account may go onto one); no Id yet.
      ...(input.plannedAccounts ?? []).map((a) => [a.name, '', a.type, '', 'to be created', '', '']),
    ],
  )
  const rate = (r: string | undefined) => (r === undefined ? '' : Number(r))
  writeTableSheet(
    wb,
    {
      name: SHEETS.qboTaxCodes,
      columns: [
        {header: 'Name', key: 'name', width: 30},
        {header: 'For sales', key: 'sales', width: 10},
        {header: 'For purchases', key: 'purchase', width: 14},
        {header: 'Active', key: 'active', width: 8},
        {header: 'Id', key: 'id', width: 8},
        {header: 'Sales rate %', key: 'salesRate', width: 12},
        {header: 'Purchase rate %', key: 'purchaseRate', width: 15},
      ],
    },
    input.target.taxCodes.map((c) => [
      c.Name,
      c.hasSalesRate ? 'yes' : '',
      c.hasPurchaseRate ? 'yes' : '',
      c.Active ? 'yes' : 'no',
      c.Id,
      c.hasSalesRate ? rate(c.salesRate) : '',
      c.hasPurchaseRate ? rate(c.purchaseRate) : '',
    ]),
  )
}
