import ExcelJS from 'exceljs'

import {writeAtomically} from '../atomic.js'
import {FILL, FROZEN_HEADER, table, type Column} from '../style.js'
import {
  ACCOUNT_COLUMNS,
  CONFIRM_CHOICES,
  CONTACT_NAME_COLUMNS,
  rateColumns,
  DO_NOT_MIGRATE,
  HEADER_ACCOUNT_CHOICES,
  HISTORY_CHOICES,
  OPEN_DOCUMENT_CHOICES,
  SETTINGS,
  SETTINGS_COLUMNS,
  SHEETS,
  TAX_COLUMNS,
  TAX_PRESENTATION_CHOICES,
  TRACKING_CHOICES,
  TRACKING_COLUMNS,
} from './layout.js'
import {mappingRows, type MappingExportInput} from './suggest.js'

type Choice =
  | 'accounts'
  | 'taxCodes'
  | 'tracking'
  | 'headerAccounts'
  | 'taxPresentation'
  | 'openDocuments'
  | 'history'
  | 'confirm'
const CHOICE_COLUMN: Record<Choice, string> = {
  accounts: 'A',
  taxCodes: 'B',
  tracking: 'C',
  headerAccounts: 'D',
  taxPresentation: 'E',
  openDocuments: 'F',
  history: 'G',
  confirm: 'H',
}

function choiceLists(input: MappingExportInput): Record<Choice, string[]> {
  return {
    accounts: [
      DO_NOT_MIGRATE,
      ...input.target.accounts.filter((a) => a.Active).map((a) => a.Name),
      ...(input.plannedAccounts ?? []).map((a) => `${a.name} (to be created)`),
    ],
    taxCodes: [DO_NOT_MIGRATE, ...input.target.taxCodes.filter((c) => c.Active).map((c) => c.Name)],
    tracking: [...TRACKING_CHOICES],
    headerAccounts: [...HEADER_ACCOUNT_CHOICES],
    taxPresentation: [...TAX_PRESENTATION_CHOICES],
    openDocuments: [...OPEN_DOCUMENT_CHOICES],
    history: [...HISTORY_CHOICES],
    confirm: [...CONFIRM_CHOICES],
  }
}

function choiceLengths(input: MappingExportInput): Record<Choice, number> {
  const lists = choiceLists(input)
  const out = {} as Record<Choice, number>
  for (const choice of Object.keys(lists) as Choice[]) out[choice] = lists[choice].length
  return out
}

/** A hidden sheet of the allowed values, so the editable cells offer a drop-down list. */
function writeChoices(wb: ExcelJS.Workbook, input: MappingExportInput): void {
  const ws = wb.addWorksheet(SHEETS.choices, {state: 'hidden'})
  for (const [choice, values] of Object.entries(choiceLists(input)) as [Choice, string[]][]) {
    values.forEach((v, i) => (ws.getCell(`${CHOICE_COLUMN[choice]}${i + 1}`).value = v))
  }
}

function dropDown(cell: ExcelJS.Cell, choice: Choice, length: number, strict: boolean) {
  const col = CHOICE_COLUMN[choice]
  cell.dataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [`${SHEETS.choices}!$${col}$1:$${col}$${Math.max(length, 1)}`],
    showErrorMessage: true,
    // Names may be typed (e.g. an account added to QBO since the export); the import checks them anyway.
    errorStyle: strict ? 'stop' : 'warning',
    error: 'Not one of the values offered; the import will check it.',
  }
  cell.fill = FILL.edit
}

function sheet<R extends object>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly Column[],
  rows: readonly R[],
  editable?: {choice: Choice; length: number; strict: boolean; confirm?: number},
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, FROZEN_HEADER)
  table(ws, columns)
  const use = columns.findIndex((c) => c.key === 'use') + 1
  const confirm = columns.findIndex((c) => c.key === 'confirm') + 1
  for (const r of rows) {
    // An empty cell, not an empty string: the accountant's editable cells must read back as blank.
    const row = ws.addRow(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === '' ? null : v])))
    if (!editable) continue
    dropDown(row.getCell(use), editable.choice, editable.length, editable.strict)
    if (confirm > 0 && editable.confirm) dropDown(row.getCell(confirm), 'confirm', editable.confirm, false)
  }
  return ws
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

function writeSettings(
  wb: ExcelJS.Workbook,
  s: ReturnType<typeof mappingRows>['settings'],
  lengths: Record<Choice, number>,
) {
  const ws = wb.addWorksheet(SHEETS.settings, FROZEN_HEADER)
  table(ws, SETTINGS_COLUMNS)
  const header = ws.addRow([
    SETTINGS.headerAccounts,
    s.headerAccounts,
    HEADER_ACCOUNT_CHOICES.join(' | '),
    'MYOB header accounts: created as parent accounts in QBO (parent), or not created (drop).',
  ])
  dropDown(header.getCell(2), 'headerAccounts', lengths.headerAccounts, true)
  const tax = ws.addRow([
    SETTINGS.taxPresentation,
    s.taxPresentation,
    TAX_PRESENTATION_CHOICES.join(' | '),
    'How taxed documents are presented in QBO: as in the source (source), or all exclusive / all inclusive of tax.',
  ])
  dropDown(tax.getCell(2), 'taxPresentation', lengths.taxPresentation, true)
  const date = ws.addRow([
    SETTINGS.inventoryStartDate,
    s.inventoryStartDate || null,
    'YYYY-MM-DD, or blank',
    'Inventory start date for tracked items the source gave no quantity date (moved to the first document that uses the item when later).',
  ])
  date.getCell(2).fill = FILL.edit
  for (const [setting, side, what] of [
    [SETTINGS.freightIncomeAccount, 'sales', 'collected on sales'],
    [SETTINGS.freightExpenseAccount, 'purchases', 'paid on purchases'],
  ] as const) {
    const row = ws.addRow([
      setting,
      s.freight[side].value || null,
      'a source id from the Accounts sheet, or blank',
      `The account freight ${what} posts to (MYOB exports carry freight amounts, but not the linked account). ${s.freight[side].suggestion}. Applied at the next \`qbo migrate extract\`.`,
    ])
    row.getCell(2).fill = FILL.edit
  }
  const conversion = ws.addRow([
    SETTINGS.conversionDate,
    s.conversionDate || null,
    'YYYY-MM-DD, or blank',
    "Blank migrates the whole history. A date migrates as at that date: the source's trial balance at the date as opening balances, the documents still open at it, and everything after it (export the Trial Balance and aged summaries as at the date with the other files). Needed for Xero CSV exports, which carry no payments.",
  ])
  conversion.getCell(2).fill = FILL.edit
  const open = ws.addRow([
    SETTINGS.openDocuments,
    s.openDocuments,
    OPEN_DOCUMENT_CHOICES.join(' | '),
    'With a conversion date: each document open at the date is loaded with what is still owed (outstanding), or in full with the part paid before the date as one payment into Conversion Clearing (full).',
  ])
  dropDown(open.getCell(2), 'openDocuments', lengths.openDocuments, true)
  const history = ws.addRow([
    SETTINGS.history,
    s.history,
    HISTORY_CHOICES.join(' | '),
    'With a conversion date: the history before it as one opening balance journal (opening), or as monthly summary journals per account at each month end whose trial balance was extracted (monthly).',
  ])
  dropDown(history.getCell(2), 'history', lengths.history, true)
}

/** Exchange rates: the rates in force and the currencies still without one; the rate cells are editable. */
function writeRates(
  wb: ExcelJS.Workbook,
  home: string,
  rows: ReturnType<typeof mappingRows>['exchangeRates'],
) {
  const ws = wb.addWorksheet(SHEETS.exchangeRates, FROZEN_HEADER)
  table(ws, rateColumns(home))
  for (const r of rows) {
    const row = ws.addRow([
      r.currency,
      r.from,
      r.to || null,
      r.rate === '' ? null : Number(r.rate),
      r.records,
      r.note,
    ])
    row.getCell(4).fill = FILL.edit
  }
}

function writeReference(wb: ExcelJS.Workbook, input: MappingExportInput) {
  const accounts = wb.addWorksheet(SHEETS.qboAccounts, FROZEN_HEADER)
  table(accounts, [
    {header: 'Name', key: 'name', width: 40},
    {header: 'Number', key: 'number', width: 10},
    {header: 'Type', key: 'type', width: 26},
    {header: 'Detail type', key: 'subType', width: 30},
    {header: 'Active', key: 'active', width: 8},
    {header: 'Id', key: 'id', width: 8},
    {header: 'Currency', key: 'currency', width: 10},
  ])
  for (const a of input.target.accounts) {
    accounts.addRow([
      a.Name,
      a.AcctNum ?? '',
      a.AccountType,
      a.AccountSubType ?? '',
      a.Active ? 'yes' : 'no',
      a.Id,
      a.currency ?? input.target.homeCurrency,
    ])
  }
  // Accounts the plan creates are choices too (a second source account may go onto one); no Id yet.
  for (const a of input.plannedAccounts ?? []) {
    accounts.addRow([a.name, '', a.type, '', 'to be created', '', ''])
  }
  const codes = wb.addWorksheet(SHEETS.qboTaxCodes, FROZEN_HEADER)
  table(codes, [
    {header: 'Name', key: 'name', width: 30},
    {header: 'For sales', key: 'sales', width: 10},
    {header: 'For purchases', key: 'purchase', width: 14},
    {header: 'Active', key: 'active', width: 8},
    {header: 'Id', key: 'id', width: 8},
    {header: 'Sales rate %', key: 'salesRate', width: 12},
    {header: 'Purchase rate %', key: 'purchaseRate', width: 15},
  ])
  const rate = (r: string | undefined) => (r === undefined ? '' : Number(r))
  for (const c of input.target.taxCodes) {
    codes.addRow([
      c.Name,
      c.hasSalesRate ? 'yes' : '',
      c.hasPurchaseRate ? 'yes' : '',
      c.Active ? 'yes' : 'no',
      c.Id,
      c.hasSalesRate ? rate(c.salesRate) : '',
      c.hasPurchaseRate ? rate(c.purchaseRate) : '',
    ])
  }
}
