/**
 * Reading what an accountant typed: exceljs hands back strings, numbers, dates, rich text, hyperlinks or
 * formula results depending on how the cell was edited. Validated with zod where it enters; anything else
 * (an error value such as #N/A) is reported against its cell.
 */
import {z} from 'zod'

import {UserInputError} from '../../domain/errors.js'

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.date()])
const Empty = z.union([z.null(), z.undefined()])
const RichText = z.looseObject({richText: z.array(z.looseObject({text: z.string()}))})
const Hyperlink = z.looseObject({text: z.string(), hyperlink: z.string()})
const Formula = z.looseObject({result: Scalar.optional()})

export type Cell = {ok: true; value: string | number | boolean | Date | undefined} | {ok: false}

export function readCell(raw: unknown): Cell {
  if (Empty.safeParse(raw).success) return {ok: true, value: undefined}
  const scalar = Scalar.safeParse(raw)
  if (scalar.success) return {ok: true, value: scalar.data}
  const rich = RichText.safeParse(raw)
  if (rich.success) return {ok: true, value: rich.data.richText.map((r) => r.text).join('')}
  const link = Hyperlink.safeParse(raw)
  if (link.success) return {ok: true, value: link.data.text}
  // A formula's cached result; an error value (#N/A …) has neither, and is reported.
  const isFormula = typeof raw === 'object' && raw !== null && ('formula' in raw || 'sharedFormula' in raw)
  const formula = Formula.safeParse(raw)
  if (isFormula && formula.success) return {ok: true, value: formula.data.result}
  return {ok: false}
}

/** Trimmed text of a cell ('' when empty); a date cell reads as its civil date (Excel stores UTC midnight). */
export function cellText(value: string | number | boolean | Date | undefined): string {
  if (value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).trim()
}

export function columnLetter(n: number): string {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}

export interface CellProblem {
  sheet: string
  /** 1-based, as Excel shows it. */
  row: number
  /** Excel's column letter. */
  column: string
  header: string
  message: string
}

/** Collects every problem in the workbook so the accountant fixes them in one pass, not one per import. */
export class Problems {
  readonly list: CellProblem[] = []

  add(p: CellProblem): void {
    this.list.push(p)
  }

  throwIfAny(file: string): void {
    if (this.list.length === 0) return
    const shown = this.list.slice(0, 20).map((p) => `  ${where(p)}: ${p.message}`)
    if (this.list.length > 20) shown.push(`  … and ${this.list.length - 20} more`)
    const first = this.list[0]!
    throw new UserInputError(
      `The mapping workbook ${file} has ${this.list.length} problem${this.list.length === 1 ? '' : 's'}:\n${shown.join('\n')}`,
      {
        next: `Correct ${where(first)} (and any other cell listed) in ${file}, save it, and run \`qbo migrate mapping import ${file}\` again.`,
        data: {file, problems: this.list},
      },
    )
  }
}

export const where = (p: CellProblem) =>
  `sheet "${p.sheet}", row ${p.row}, column ${p.column}${p.header ? ` ("${p.header}")` : ''}`
