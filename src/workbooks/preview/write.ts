import {once} from 'node:events'
import {createWriteStream} from 'node:fs'

import ExcelJS from 'exceljs'

import {LOAD_ORDER, type QboEntity} from '../../domain/entities.js'
import type {Plan, PlannedRecord} from '../../load/plan.js'
import {writeAtomically} from '../../io/atomic-file.js'
import {writeAccountTotals, writeSincePrevious, writeTaxTotals} from './effect.js'
import {writeEntitySheet} from './entity-sheet.js'
import {writeBlocked, writeCorrections, writeDecisions} from './registers.js'
import {type PreviewMeta, writeSummary} from './summary.js'

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
      // The plan's step numbers encode wave and depth (0, 100, 301 …); a reader sees their order, 1, 2, 3.
      const ordinals = new Map(
        [...new Set(plan.records.map((r) => r.step))].sort((a, b) => a - b).map((step, i) => [step, i + 1]),
      )
      for (const entity of LOAD_ORDER) {
        const records = byEntity.get(entity)
        if (records) writeEntitySheet(wb, entity, records, (step) => ordinals.get(step) ?? step)
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
