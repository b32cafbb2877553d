import {access} from 'node:fs/promises'

import ExcelJS from 'exceljs'

import {UserInputError} from '../../domain/errors.js'
import type {Overrides} from '../../mappers/index.js'
import {Problems} from './cells.js'
import {gridOf} from './grid.js'
import {overridesFromGrids} from './parse.js'
import type {MappingSubject} from './suggest.js'

/**
 * `qbo migrate mapping import FILE.xlsx`: the accountant's choices as the mappers' Overrides, ready for
 * buildContext. Blank editable cells keep the tool's suggestion. Throws a UserInputError listing every bad
 * cell (sheet, row, column) when anything does not check out against the staged lists and the QBO company.
 */
export async function readMappingWorkbook(file: string, subject: MappingSubject): Promise<Overrides> {
  const wb = new ExcelJS.Workbook()
  try {
    // exceljs reports a missing file without an errno code; ask the file system first.
    await access(file)
    await wb.xlsx.readFile(file)
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new UserInputError(
      missing ? `${file} does not exist` : `${file} cannot be read as an Excel workbook (.xlsx)`,
      {
        next: missing
          ? `Check the path, or run \`qbo migrate mapping export ${file}\` to write one.`
          : `Save it from Excel as "Excel Workbook (.xlsx)" and import again, or export a fresh one with \`qbo migrate mapping export ${file}\`.`,
        data: {file},
        cause: error,
      },
    )
  }
  const grids = new Map(wb.worksheets.map((ws) => [ws.name, gridOf(ws)] as const))
  const problems = new Problems()
  const overrides = overridesFromGrids(grids, subject, problems)
  problems.throwIfAny(file)
  return overrides
}
