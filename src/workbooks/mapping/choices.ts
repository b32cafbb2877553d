import type ExcelJS from 'exceljs'

import {FILL} from '../style.js'
import {
  CONFIRM_CHOICES,
  DO_NOT_MIGRATE,
  HEADER_ACCOUNT_CHOICES,
  HISTORY_CHOICES,
  OPEN_DOCUMENT_CHOICES,
  SHEETS,
  TAX_PRESENTATION_CHOICES,
  TRACKING_CHOICES,
} from './layout.js'
import type {MappingExportInput} from './suggest.js'

/** The drop-down lists of the mapping workbook, each a column of its hidden Choices sheet. */
export type Choice =
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

export function choiceLengths(input: MappingExportInput): Record<Choice, number> {
  const lists = choiceLists(input)
  const out = {} as Record<Choice, number>
  for (const choice of Object.keys(lists) as Choice[]) out[choice] = lists[choice].length
  return out
}

/** A hidden sheet of the allowed values, so the editable cells offer a drop-down list. */
export function writeChoices(wb: ExcelJS.Workbook, input: MappingExportInput): void {
  const ws = wb.addWorksheet(SHEETS.choices, {state: 'hidden'})
  for (const [choice, values] of Object.entries(choiceLists(input)) as [Choice, string[]][]) {
    values.forEach((v, i) => (ws.getCell(`${CHOICE_COLUMN[choice]}${i + 1}`).value = v))
  }
}

/** An editable cell (yellow) offering the values of one choice. */
export function dropDown(cell: ExcelJS.Cell, choice: Choice, length: number, strict: boolean) {
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
