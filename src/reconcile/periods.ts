import {centsText, toCents} from '../domain/cents.js'
import type {QboDoc, SourceDoc} from './docs.js'

export interface PeriodRow {
  entity: string
  month: string
  sourceCount: number
  sourceTotal: string
  qboCount: number
  qboTotal: string
}

/** Counts and totals per entity and month on both sides, the coarse check that catches a month gone missing. */
interface Tally {
  entity: string
  month: string
  sourceCount: number
  sourceCents: number
  qboCount: number
  qboCents: number
}

export class PeriodTotals {
  private readonly rows = new Map<string, Tally>()

  private row(entity: string, date: string): Tally {
    const month = date.slice(0, 7) || '(no date)'
    const key = `${entity}\u001f${month}`
    let r = this.rows.get(key)
    if (!r) {
      r = {entity, month, sourceCount: 0, sourceCents: 0, qboCount: 0, qboCents: 0}
      this.rows.set(key, r)
    }
    return r
  }

  addSource(doc: SourceDoc): void {
    const r = this.row(doc.entity, doc.date)
    r.sourceCount++
    r.sourceCents += toCents(doc.total)
  }

  addQbo(doc: QboDoc): void {
    const r = this.row(doc.entity, doc.date)
    r.qboCount++
    r.qboCents += toCents(doc.total)
  }

  list(order: readonly string[]): PeriodRow[] {
    const rows = [...this.rows.values()].map((r) => ({
      entity: r.entity,
      month: r.month,
      sourceCount: r.sourceCount,
      sourceTotal: centsText(r.sourceCents),
      qboCount: r.qboCount,
      qboTotal: centsText(r.qboCents),
    }))
    return rows.sort(
      (a, b) => order.indexOf(a.entity) - order.indexOf(b.entity) || a.month.localeCompare(b.month),
    )
  }
}
