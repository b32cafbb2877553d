/**
 * The accountant's edits -> the mappers' Overrides, checked against the staged lists and the target company.
 * Pure (takes the sheets as data). Every problem names its sheet, row and column; all are reported at once.
 */
import {z} from 'zod'

import {parseIsoDate} from '../../domain/civil-date.js'
import type {Overrides, TaxDirection} from '../../mappers/index.js'
import {PLANNED_ACCOUNT_PREFIX} from '../../mappers/accounts.js'
import {accountFit, taxFit} from '../../mappers/mapping-fit.js'
import type {Problems} from './cells.js'
import type {Grid} from './grid.js'
import {
  DIRECTIONS,
  DO_NOT_MIGRATE,
  HEADER_ACCOUNT_CHOICES,
  HISTORY_CHOICES,
  OPEN_DOCUMENT_CHOICES,
  NOT_MIGRATED,
  SETTINGS,
  SHEETS,
  TAX_PRESENTATION_CHOICES,
  TRACKING_CHOICES,
} from './layout.js'
import {checkFit, confirmation, plannedChains, plannedChoice, type Report, systemRoles} from './fit-checks.js'
import {loose, sheetRows, type CellRef} from './sheet-reader.js'
import {suggestedTaxCode, type MappingSubject} from './suggest.js'
import {freightAccount, parseRates} from './supplied.js'

/** One of `allowed`, case-insensitively, returned in its canonical spelling (zod checks the result). */
function choice<T extends string>(
  allowed: readonly [T, ...T[]],
  cell: CellRef,
  report: Report,
): T | undefined {
  const canonical = allowed.find((a) => loose(a) === loose(cell.text)) ?? cell.text
  const parsed = z.enum(allowed).safeParse(canonical)
  if (parsed.success) return parsed.data
  if (!cell.text) report(cell, `the cell is blank but must be filled in; write one of: ${allowed.join(', ')}`)
  else report(cell, `"${cell.text}" is not allowed here; use one of: ${allowed.join(', ')}`)
  return undefined
}

/** Source ids that Excel may have turned into numbers ("090" typed again becomes 90). */
function sourceKey(ids: readonly string[], cell: CellRef): string | undefined {
  if (ids.includes(cell.text)) return cell.text
  if (typeof cell.value === 'number') {
    const same = ids.filter((id) => /^\d+$/.test(id) && Number(id) === cell.value)
    if (same.length === 1) return same[0]
  }
  return ids.find((id) => loose(id) === loose(cell.text))
}

/** A QBO record named in a cell: by name (case-insensitive), else by Id; the override keeps its Id. */
function qboRecord<T extends {Id: string; Name: string; Active: boolean}>(
  list: readonly T[],
  cell: CellRef,
  what: string,
  sheet: string,
  report: Report,
): T | undefined {
  const named = list.filter((x) => loose(x.Name) === loose(cell.text))
  if (named.length > 1) {
    const ids = named.map((x) => x.Id).join(', ')
    report(
      cell,
      `${named.length} QBO ${what}s are named "${cell.text}" (Ids ${ids}); write the Id of the one you mean`,
    )
    return undefined
  }
  const found = named[0] ?? list.find((x) => x.Id === cell.text)
  if (!found) {
    report(
      cell,
      `the QBO company has no ${what} named "${cell.text}" (see the "${sheet}" sheet), nor one with that Id`,
    )
    return undefined
  }
  if (!found.Active) {
    report(cell, `the QBO ${what} "${found.Name}" is inactive; make it active in QBO or choose another`)
    return undefined
  }
  return found
}

/** Remembers the first row of each key and reports a repeat against the key's cell. */
function seenOnce(report: Report, what: string) {
  const first = new Map<string, number>()
  return (key: string, cell: CellRef): boolean => {
    const at = first.get(key)
    if (at !== undefined) {
      report(cell, `${what} "${cell.text}" is listed twice (first on row ${at}); keep one row`)
      return false
    }
    first.set(key, cell.row)
    return true
  }
}

function accounts(grids: ReadonlyMap<string, Grid>, s: MappingSubject, problems: Problems, out: Overrides) {
  const sheet = SHEETS.accounts
  const report: Report = (c, message) => problems.add({sheet, ...c, message})
  const rows = sheetRows(grids, sheet, ['Source id', 'Use QBO account'], problems)
  const ids = s.accounts.map((a) => a.id)
  const once = seenOnce(report, 'the account')
  const cells = new Map<string, {id: CellRef; use: CellRef}>()
  for (const r of rows ?? []) {
    const idCell = r.cell('Source id')
    const use = r.cell('Use QBO account')
    const confirm = r.cell('Confirm')
    if (!idCell.text && !use.text) continue
    const id = sourceKey(ids, idCell)
    if (!idCell.text) report(idCell, 'a choice without a source id: fill in the source id or clear the row')
    else if (!id) report(idCell, `no staged account has the source id "${idCell.text}"`)
    if (!id || !once(id, idCell)) continue
    cells.set(id, {id: idCell, use})
    if (!use.text) continue
    if (loose(use.text) === loose(DO_NOT_MIGRATE)) {
      ;(out.accounts ??= {})[id] = null
      continue
    }
    const planned = plannedChoice(s, use.text)
    const account = planned
      ? planned.account
      : qboRecord(s.target.accounts, use, 'account', SHEETS.qboAccounts, report)
    const source = s.accounts.find((a) => a.id === id)
    if (!account || !source) continue
    const fit = accountFit(source, account, s.target.homeCurrency)
    const confirmed = confirmation(confirm, report)
    if (!checkFit(fit, confirmed, use, confirm, report)) continue
    ;(out.accounts ??= {})[id] = planned ? `${PLANNED_ACCOUNT_PREFIX}${planned.sourceId}` : account.Id
    if (confirmed && fit.length > 0) ((out.confirmed ??= {}).accounts ??= []).push(id)
  }
  systemRoles(s, out, cells, report)
  plannedChains(s, out, cells, report)
}

function taxCodes(grids: ReadonlyMap<string, Grid>, s: MappingSubject, problems: Problems, out: Overrides) {
  const sheet = SHEETS.taxCodes
  const report: Report = (c, message) => problems.add({sheet, ...c, message})
  const rows = sheetRows(grids, sheet, ['Source code', 'Direction', 'Use QBO tax code'], problems)
  const codes = s.taxRates.map((t) => t.id)
  const once = seenOnce(report, 'the tax code and direction')
  for (const r of rows ?? []) {
    const codeCell = r.cell('Source code')
    const use = r.cell('Use QBO tax code')
    const confirm = r.cell('Confirm')
    if (!codeCell.text && !use.text) continue
    const code = sourceKey(codes, codeCell)
    if (!codeCell.text) report(codeCell, 'a choice without a source code: fill it in or clear the row')
    else if (!code) report(codeCell, `no staged tax rate has the code "${codeCell.text}"`)
    const direction: TaxDirection | undefined = choice(DIRECTIONS, r.cell('Direction'), report)
    if (!code || !direction || !once(`${code}:${direction}`, codeCell)) continue
    const key = `${code}:${direction}`
    if (!use.text) {
      const lines = s.usage?.taxLines.get(key) ?? 0
      if (lines > 0 && !suggestedTaxCode(s, code, direction)) {
        report(
          use,
          `blank, but the tool has no QBO tax code to suggest for ${code} (${direction}) and ${lines} staged lines use it; choose a QBO tax code (see the "${SHEETS.qboTaxCodes}" sheet) or write "${DO_NOT_MIGRATE}"`,
        )
      }
      continue
    }
    if (loose(use.text) === loose(DO_NOT_MIGRATE)) {
      ;(out.taxCodes ??= {})[key] = null
      continue
    }
    const tax = qboRecord(s.target.taxCodes, use, 'tax code', SHEETS.qboTaxCodes, report)
    if (!tax) continue
    if (direction === 'sales' ? !tax.hasSalesRate : !tax.hasPurchaseRate) {
      report(
        use,
        `the QBO tax code "${tax.Name}" has no ${direction === 'sales' ? 'sales' : 'purchase'} rate, so ${direction} lines cannot use it`,
      )
      continue
    }
    const rate = s.taxRates.find((t) => t.id === code)
    const fit = rate ? taxFit(rate, tax, direction) : []
    const confirmed = confirmation(confirm, report)
    if (!checkFit(fit, confirmed, use, confirm, report)) continue
    ;(out.taxCodes ??= {})[key] = tax.Id
    if (confirmed && fit.length > 0) ((out.confirmed ??= {}).taxCodes ??= []).push(key)
  }
}

function tracking(grids: ReadonlyMap<string, Grid>, s: MappingSubject, problems: Problems, out: Overrides) {
  const sheet = SHEETS.tracking
  const report: Report = (c, message) => problems.add({sheet, ...c, message})
  const rows = sheetRows(grids, sheet, ['Category', 'Use'], problems)
  const once = seenOnce(report, 'the category')
  for (const r of rows ?? []) {
    const cat = r.cell('Category')
    const use = r.cell('Use')
    if (!cat.text && !use.text) continue
    // The mappers look categories up by their exact staged name.
    const staged = s.trackingCategories.find((c) => loose(c.name) === loose(cat.text))
    if (!cat.text) report(cat, 'a choice without a category: fill it in or clear the row')
    else if (!staged) report(cat, `no staged tracking category is named "${cat.text}"`)
    if (!staged || !once(staged.name, cat) || !use.text) continue
    const target = choice(TRACKING_CHOICES, use, report)
    if (target) (out.tracking ??= {})[staged.name] = target === NOT_MIGRATED ? null : target
  }
}

const REQUIRED_SETTINGS = new Set<string>([
  SETTINGS.headerAccounts,
  SETTINGS.taxPresentation,
  SETTINGS.openDocuments,
  SETTINGS.history,
])

function settings(
  grids: ReadonlyMap<string, Grid>,
  subject: MappingSubject,
  problems: Problems,
  out: Overrides,
) {
  const sheet = SHEETS.settings
  const report: Report = (c, message) => problems.add({sheet, ...c, message})
  const rows = sheetRows(grids, sheet, ['Setting', 'Value'], problems)
  const once = seenOnce(report, 'the setting')
  const known = Object.values(SETTINGS) as string[]
  for (const r of rows ?? []) {
    const name = r.cell('Setting')
    const value = r.cell('Value')
    if (!name.text && !value.text) continue
    const setting = known.find((k) => loose(k) === loose(name.text))
    if (!setting) {
      report(name, `unknown setting "${name.text}"; the settings are: ${known.join(', ')}`)
      continue
    }
    if (!once(setting, name)) continue
    // A choice setting always has a value (the export writes the one in force); blank is not "default".
    if (!value.text && !REQUIRED_SETTINGS.has(setting)) continue
    if (setting === SETTINGS.freightIncomeAccount || setting === SETTINGS.freightExpenseAccount) {
      const side = setting === SETTINGS.freightIncomeAccount ? 'sales' : 'purchases'
      freightAccount(subject, side, value, report, out)
    } else if (setting === SETTINGS.headerAccounts) {
      const v = choice(HEADER_ACCOUNT_CHOICES, value, report)
      if (v) out.headerAccounts = v
    } else if (setting === SETTINGS.taxPresentation) {
      const v = choice(TAX_PRESENTATION_CHOICES, value, report)
      if (v) out.taxPresentation = v
    } else if (setting === SETTINGS.openDocuments) {
      const v = choice(OPEN_DOCUMENT_CHOICES, value, report)
      if (v) out.openDocuments = v
    } else if (setting === SETTINGS.history) {
      const v = choice(HISTORY_CHOICES, value, report)
      if (v) out.history = v
    } else {
      const date = value.value instanceof Date ? value.text : parseIsoDate(value.text)
      if (!date) report(value, `"${value.text}" is not a date; write it as YYYY-MM-DD (e.g. 2024-07-01)`)
      else if (setting === SETTINGS.conversionDate) out.conversionDate = date
      else out.inventoryStartDate = date
    }
  }
}

/** The shape the mappers take, checked once more on the way out. */
const OverridesSchema = z.strictObject({
  accounts: z.record(z.string(), z.string().nullable()).optional(),
  taxCodes: z.record(z.string(), z.string().nullable()).optional(),
  confirmed: z
    .strictObject({accounts: z.array(z.string()).optional(), taxCodes: z.array(z.string()).optional()})
    .optional(),
  tracking: z.record(z.string(), z.enum(['Class', 'Department']).nullable()).optional(),
  headerAccounts: z.enum(HEADER_ACCOUNT_CHOICES).optional(),
  taxPresentation: z.enum(TAX_PRESENTATION_CHOICES).optional(),
  inventoryStartDate: z
    .string()
    .refine((d) => parseIsoDate(d) !== undefined)
    .optional(),
  freightAccounts: z
    .strictObject({sales: z.string().optional(), purchases: z.string().optional()})
    .optional(),
  exchangeRates: z
    .array(z.strictObject({currency: z.string(), from: z.string(), to: z.string(), rate: z.string()}))
    .optional(),
  conversionDate: z
    .string()
    .refine((d) => parseIsoDate(d) !== undefined)
    .optional(),
  openDocuments: z.enum(OPEN_DOCUMENT_CHOICES).optional(),
  history: z.enum(HISTORY_CHOICES).optional(),
})

export function overridesFromGrids(
  grids: ReadonlyMap<string, Grid>,
  subject: MappingSubject,
  problems: Problems,
): Overrides {
  const out: Overrides = {}
  accounts(grids, subject, problems, out)
  taxCodes(grids, subject, problems, out)
  tracking(grids, subject, problems, out)
  settings(grids, subject, problems, out)
  parseRates(grids, subject, problems, out)
  return OverridesSchema.parse(out)
}
