import {once} from 'node:events'
import {createWriteStream} from 'node:fs'

import ExcelJS from 'exceljs'

import {LOAD_ORDER, type QboEntity} from '../../domain/entities.js'
import type {Plan, PlannedRecord} from '../../load/plan.js'
import {writeAtomically} from '../atomic.js'
import {writeEntitySheet} from './entity-sheet.js'
import {writeBlocked, writeDecisions} from './registers.js'
import {writeSummary} from './summary.js'

export interface PreviewMeta {
  /** ISO timestamp (UTC), from the caller's clock. */
  generatedAt: string
  /** What was planned from, e.g. `xero-csv: ./export` . */
  source: string
  realmId: string
  /** The staging database file. */
  db: string
}

/**
 * The dry-run preview an accountant reads before anything is written: Summary, one sheet per QBO entity
 * present (in load order), Blocked (with the fix for each) and Decisions. Streamed sheet by sheet so a large
 * company never sits in memory as a workbook, and written to a temporary file renamed into place.
 */
export async function writePreviewWorkbook(plan: Plan, file: string, meta: PreviewMeta): Promise<void> {
  const byEntity = new Map<QboEntity, PlannedRecord[]>()
  for (const r of plan.records) {
    const list = byEntity.get(r.entity) ?? []
    list.push(r)
    byEntity.set(r.entity, list)
  }
  await writeAtomically(file, async (tmp) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: tmp,
      useStyles: true,
      useSharedStrings: false,
    })
    wb.creator = 'qbo-toolkit'
    writeSummary(wb, plan, meta)
    for (const entity of LOAD_ORDER) {
      const records = byEntity.get(entity)
      if (records) writeEntitySheet(wb, entity, records)
    }
    writeBlocked(wb, plan)
    writeDecisions(wb, plan)
    await wb.commit()
  })
}
