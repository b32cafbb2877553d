import {once} from 'node:events'
import {createWriteStream} from 'node:fs'

import ExcelJS from 'exceljs'

import {LOAD_ORDER, type QboEntity} from '../../domain/entities.js'
import type {Plan, PlannedRecord} from '../../load/plan.js'
import {writeAtomically} from '../atomic.js'
import {writeAccountTotals, writeSincePrevious, writeTaxTotals} from './effect.js'
import {writeEntitySheet} from './entity-sheet.js'
import {writeBlocked, writeCorrections, writeDecisions} from './registers.js'
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
 * present (in load order), Blocked (with the fix for each), Corrections, Decisions, and the mapping's effect:
 * Tax totals, Account totals and what changed Since last plan. Streamed sheet by sheet so a large
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
    // Our own stream, so a failure can close it before the temporary file is removed.
    const out = createWriteStream(tmp)
    await once(out, 'open')
    try {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
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
      writeCorrections(wb, plan)
      writeDecisions(wb, plan)
      writeTaxTotals(wb, plan)
      writeAccountTotals(wb, plan)
      writeSincePrevious(wb, plan)
      await wb.commit()
      // Renamed only once the file is closed (Windows refuses to rename an open file).
      if (!out.closed) await once(out, 'close')
    } catch (error) {
      if (!out.closed) {
        const closed = once(out, 'close')
        out.destroy()
        await closed
      }
      throw error
    }
  })
}
