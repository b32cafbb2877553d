import ExcelJS from 'exceljs'

import type {DiffView} from '../load/prices/index.js'
import {writeAtomically} from '../io/atomic-file.js'
import {writeTableSheet} from './sheet.js'
import {type Column, FILL} from './style.js'

/** Costs keep the decimals they have (a unit cost from a pack price may have 4). */
const COST = '#,##0.00###'

const COLUMNS: Column[] = [
  {header: 'Line', key: 'line', width: 6, kind: 'int'},
  {header: 'Status', key: 'status', width: 18},
  {header: 'Item', key: 'item', width: 30},
  {header: 'SKU', key: 'sku', width: 14},
  {header: 'Supplier code', key: 'code', width: 14},
  {header: 'File row', key: 'row', width: 9, kind: 'int'},
  {header: 'List price', key: 'listCost', width: 12},
  {header: 'Pack', key: 'pack', width: 8},
  {header: 'Old cost', key: 'oldCost', width: 12},
  {header: 'New cost', key: 'newCost', width: 12},
  {header: 'Change', key: 'change', width: 11},
  {header: 'Change %', key: 'changePct', width: 10},
  {header: 'Warnings', key: 'warnings', width: 70},
  {header: 'Apply', key: 'apply', width: 12},
]

/** `qbo prices diff --out diff.xlsx`: the diff as a sheet, change lines first in the diff's order. */
export async function writePriceDiffWorkbook(view: DiffView, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook()
  wb.created = new Date(view.createdAt)
  const num = (v: string | null) => (v === null ? null : Number(v))
  writeTableSheet(
    wb,
    {
      name: `Diff ${view.id}`,
      columns: COLUMNS,
      cells: (l) => [
        l.line,
        l.status.replace(/_/g, ' '),
        l.item?.name ?? '',
        l.item?.sku ?? '',
        l.code ?? '',
        l.row,
        l.listCost ?? '',
        l.pack ?? '',
        num(l.oldCost),
        num(l.newCost),
        num(l.change),
        l.changePct === null ? null : Number(l.changePct) / 100,
        l.warnings.map((w) => w.message).join('; '),
        l.status !== 'change' ? '' : l.state !== 'pending' ? l.state : l.selected ? 'yes' : 'no',
      ],
      // Formats on the line's own cells, as before (a column format would also reach cells typed in later).
      style: (row, l) => {
        for (const key of ['oldCost', 'newCost', 'change']) row.getCell(key).numFmt = COST
        row.getCell('changePct').numFmt = '+0.0%;-0.0%'
        if (l.warnings.length > 0) row.getCell('warnings').fill = FILL.warn
      },
    },
    view.lines,
  )
  const about = wb.addWorksheet('About')
  about.columns = [{width: 22}, {width: 80}]
  const facts: [string, string][] = [
    ['Price diff', String(view.id)],
    ['Supplier', view.supplier],
    ['File', view.file.fileName],
    ['File SHA-256', view.file.fileHash],
    ['Sheet, header row', `${view.file.sheet}, row ${view.file.headerRow}`],
    ['Profile', view.profile.name],
    ['QBO company', view.realmId],
    ['Made', `${view.createdAt} by ${view.createdBy}`],
    ['Flagged above', `${Number(view.threshold) * 100}% change`],
    ...view.warnings.map((w): [string, string] => ['Warning', w.message]),
    ['Apply with', `qbo prices apply ${view.id}`],
  ]
  for (const f of facts) about.addRow(f)
  await writeAtomically(file, (tmp) => wb.xlsx.writeFile(tmp))
}
