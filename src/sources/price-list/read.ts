import {createHash} from 'node:crypto'

import {UserInputError} from '../../domain/errors.js'
import {type PriceListRead, type PriceProfile, type PriceRow, saysIncGst} from '../../domain/price-list.js'
import {codeText, parsePackSize, parsePrice, placeholderIn} from './cells.js'
import {columnIndex, findHeaderRow, HEADER_SEARCH_ROWS} from './layout.js'
import {readSheets, type Sheet} from './sheets.js'

/** A price-list file as dropped or named on the command line. */
export interface PriceFile {
  name: string
  bytes: Uint8Array
}

/** Reads a price list with a supplier's profile: the sheet, the header, then one row per item code. */
export async function readPriceList(file: PriceFile, profile: PriceProfile): Promise<PriceListRead> {
  const sheets = await readSheets(file.name, file.bytes)
  return readPriceSheets(file, sheets, profile)
}

export function readPriceSheets(
  file: PriceFile,
  sheets: readonly Sheet[],
  profile: PriceProfile,
): PriceListRead {
  const {sheet, headerIndex} = locate(file.name, sheets, profile)
  const header = (sheet.rows[headerIndex] ?? []).map((h) => h ?? '')
  const at = (name: string | undefined) => (name === undefined ? -1 : columnIndex(header, name))
  const codeAt = at(profile.codeColumn)
  const costAt = at(profile.costColumn)
  const packAt = at(profile.packColumn)
  const descAt = at(profile.descriptionColumn)
  for (const [what, name, index] of [
    ['pack', profile.packColumn, packAt],
    ['description', profile.descriptionColumn, descAt],
  ] as const) {
    if (name !== undefined && index < 0)
      throw missingColumn(file.name, sheet, headerIndex, `${what} column "${name}"`)
  }

  const rows: PriceRow[] = []
  let skipped = 0
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i] ?? []
    const code = codeText(cells[codeAt] ?? '')
    const costText = (cells[costAt] ?? '').trim()
    if (code === '') continue
    if (costText === '') {
      skipped++
      continue
    }
    const row: PriceRow = {row: i + 1, code, costText}
    const description = descAt >= 0 ? (cells[descAt] ?? '').trim() : ''
    if (description) row.description = description
    if (placeholderIn(code, profile.placeholders)) row.codeIsPlaceholder = true
    const placeholder = placeholderIn(costText, profile.placeholders)
    if (placeholder) row.placeholder = placeholder
    else {
      const cost = parsePrice(costText)
      if (cost !== undefined) row.cost = cost
    }
    if (packAt >= 0) {
      const packText = (cells[packAt] ?? '').trim()
      if (packText) {
        row.packText = packText
        const pack = parsePackSize(packText)
        if (pack !== undefined) row.pack = pack
      }
    }
    rows.push(row)
  }
  const costHeader = header[costAt] ?? profile.costColumn
  return {
    fileName: file.name,
    fileHash: createHash('sha256').update(file.bytes).digest('hex'),
    sheet: sheet.name,
    headerRow: headerIndex + 1,
    headers: header,
    columns: {
      code: header[codeAt] ?? profile.codeColumn,
      cost: costHeader,
      ...(packAt >= 0 ? {pack: header[packAt]} : {}),
      ...(descAt >= 0 ? {description: header[descAt]} : {}),
    },
    rows,
    skipped,
    incGstColumns: header.filter((h, i) => i !== costAt && h && saysIncGst(h)),
  }
}

/** The sheet and header row the profile names, or the first that holds its code and cost columns. */
function locate(fileName: string, sheets: readonly Sheet[], profile: PriceProfile) {
  const candidates = profile.sheet ? sheets.filter((s) => s.name === profile.sheet) : sheets
  if (candidates.length === 0) {
    throw new UserInputError(`${fileName}: there is no sheet named "${profile.sheet}".`, {
      next: `Pick one of its sheets in the profile: ${sheets.map((s) => `"${s.name}"`).join(', ')}.`,
      data: {file: fileName, sheets: sheets.map((s) => s.name)},
    })
  }
  const wanted = [profile.codeColumn, profile.costColumn]
  if (profile.headerRow !== undefined) {
    const sheet = candidates[0]!
    const headerIndex = profile.headerRow - 1
    const row = sheet.rows[headerIndex] ?? []
    const missing = wanted.filter((n) => columnIndex(row, n) < 0)
    if (missing.length > 0)
      throw missingColumn(fileName, sheet, headerIndex, missing.map((m) => `"${m}"`).join(' and '))
    return {sheet, headerIndex}
  }
  for (const sheet of candidates) {
    const headerIndex = findHeaderRow(sheet, wanted)
    if (headerIndex !== undefined) return {sheet, headerIndex}
  }
  throw new UserInputError(
    `${fileName}: no row in the first ${HEADER_SEARCH_ROWS} of ${candidates.length > 1 ? 'any sheet' : `"${candidates[0]!.name}"`} has both a "${profile.codeColumn}" and a "${profile.costColumn}" column.`,
    {
      next:
        'Check the profile’s code and cost columns against the file’s header (names are compared ignoring case and punctuation), ' +
        'or set the header row. `qbo prices profiles` shows the profile; the dashboard shows the file’s first rows.',
      data: {file: fileName, profile: profile.name},
    },
  )
}

function missingColumn(fileName: string, sheet: Sheet, headerIndex: number, what: string): UserInputError {
  const found = (sheet.rows[headerIndex] ?? []).filter((h) => h && h.trim() !== '')
  return new UserInputError(
    `${fileName}: row ${headerIndex + 1} of "${sheet.name}" has no ${what}; its headers are ${found.map((h) => `"${h}"`).join(', ') || 'empty'}.`,
    {
      next: 'Fix the profile’s column names or header row (`qbo prices profiles --set NAME …`, or on the dashboard).',
      data: {file: fileName, sheet: sheet.name, row: headerIndex + 1, headers: found},
    },
  )
}
