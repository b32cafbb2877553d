import type ExcelJS from 'exceljs'

import {LOAD_ORDER} from '../../domain/entities.js'
import {QBO_LIMITS} from '../../domain/qbo-limits.js'
import type {Plan, PlanCounts} from '../../load/plan.js'
import {FILL, headerRow} from '../style.js'

/** Who and what a preview was made from: shown on its Summary sheet. */
export interface PreviewMeta {
  /** ISO timestamp (UTC), from the caller's clock. */
  generatedAt: string
  /** What was planned from, e.g. `xero-csv: ./export` . */
  source: string
  realmId: string
  /** The staging database file. */
  db: string
}

/** Fixed cells scripts and reviewers rely on (docs/workbooks.md). */
export const PREVIEW_CELLS = {
  status: 'B3',
  generatedAt: 'B4',
  source: 'B5',
  realmId: 'B6',
  db: 'B7',
  records: 'B9',
  create: 'B10',
  adopt: 'B11',
  skip: 'B12',
  blocked: 'B13',
  decisions: 'B14',
  update: 'B15',
  requests: 'B16',
  batches: 'B17',
  minutes: 'B18',
} as const

/** The per-entity table starts here (header row); a Total row follows the last entity. */
export const PREVIEW_ENTITY_HEADER_ROW = 21

export function totals(plan: Plan): PlanCounts {
  const t = {create: 0, adopt: 0, skip: 0, update: 0, blocked: 0}
  for (const c of Object.values(plan.entities)) {
    t.create += c.create
    t.adopt += c.adopt
    t.skip += c.skip
    t.update += c.update
    t.blocked += c.blocked
  }
  return t
}

export function writeSummary(wb: ExcelJS.stream.xlsx.WorkbookWriter, plan: Plan, meta: PreviewMeta): void {
  const ws = wb.addWorksheet('Summary')
  ws.columns = [{width: 44}, {width: 30}, {width: 10}, {width: 10}, {width: 10}, {width: 10}]
  const t = totals(plan)
  const all = t.create + t.adopt + t.skip + t.update + t.blocked
  ws.addRow(['Migration preview: what a load would do (nothing has been written to QBO)']).font = {
    bold: true,
    size: 14,
  }
  ws.addRow([])
  const status = ws.addRow([
    'Status',
    t.blocked === 0 ? 'Ready: nothing blocked' : `${t.blocked} blocked: see the Blocked sheet`,
  ])
  status.getCell(2).fill = t.blocked === 0 ? FILL.pass : FILL.fail
  status.getCell(2).font = {bold: true}
  ws.addRow(['Generated at (UTC)', meta.generatedAt])
  ws.addRow(['Source', meta.source])
  ws.addRow(['QBO realm', meta.realmId])
  ws.addRow(['Staging database', meta.db])
  ws.addRow([])
  ws.addRow(['Records in the plan', all])
  ws.addRow(['Create (new in QBO)', t.create])
  ws.addRow(['Adopt (already in QBO, used as is)', t.adopt])
  ws.addRow(['Skip (not migrated, or loaded by an earlier run)', t.skip])
  const blocked = ws.addRow(['Blocked (cannot go until fixed)', t.blocked])
  if (t.blocked > 0) blocked.getCell(2).fill = FILL.fail
  ws.addRow(['Decisions recorded (see the Decisions sheet)', plan.decisions.length])
  // Row 15 (it was a blank line, so no cell scripts rely on moved).
  const update = ws.addRow(['Update (loaded earlier, mapped differently now: see Corrections)', t.update])
  if (t.update > 0) update.getCell(2).fill = FILL.warn
  ws.addRow(['Estimated requests', plan.estimate.requests])
  ws.addRow(['Estimated batches', plan.estimate.batches])
  ws.addRow(["Estimated minutes at QBO's limits", plan.estimate.minutes]).getCell(2).numFmt = '0.0'
  ws.addRow([
    'Limits assumed',
    `${QBO_LIMITS.batchSize} per batch, ${QBO_LIMITS.batchesPerMinute} batches and ${QBO_LIMITS.requestsPerMinute} requests a minute; lists and transactions alike go in batches`,
  ])
  ws.addRow([])
  headerRow(ws.addRow(['Entity', 'Create', 'Adopt', 'Skip', 'Blocked', 'Total', 'Update']))
  for (const entity of LOAD_ORDER) {
    const c = plan.entities[entity]
    if (!c) continue
    const row = ws.addRow([
      entity,
      c.create,
      c.adopt,
      c.skip,
      c.blocked,
      c.create + c.adopt + c.skip + c.update + c.blocked,
      c.update,
    ])
    if (c.blocked > 0) row.getCell(5).fill = FILL.fail
  }
  const total = ws.addRow(['Total', t.create, t.adopt, t.skip, t.blocked, all, t.update])
  total.font = {bold: true}
  ws.commit()
}
