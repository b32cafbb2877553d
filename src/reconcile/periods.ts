import {D, type Dec} from '../domain/money.js'
import type {QboDoc, SourceDoc} from './docs.js'

export interface PeriodRow {
  entity: string
  month: string
  sourceCount: number
  sourceTotal: Dec
  qboCount: number
  qboTotal: Dec
}

/** Counts and totals per entity and month on both sides, the coarse check that catches a month gone missing. */
export class PeriodTotals {
  private readonly rows = new Map<string, PeriodRow>()

  private row(entity: string, date: string): PeriodRow {
    const month = date.slice(0, 7) || '(no date)'
    const key = `${entity}\u001f${month}`
    let r = this.rows.get(key)
    if (!r) {
      r = {entity, month, sourceCount: 0, sourceTotal: new D(0), qboCount: 0, qboTotal: new D(0)}
      this.rows.set(key, r)
    }
    return r
  }

  addSource(doc: SourceDoc): void {
    const r = this.row(doc.entity, doc.date)
    r.sourceCount++
    r.sourceTotal = r.sourceTotal.plus(doc.total)
  }

  addQbo(doc: QboDoc): void {
    const r = this.row(doc.entity, doc.date)
    r.qboCount++
    r.qboTotal = r.qboTotal.plus(doc.total)
  }

  list(order: readonly string[]): PeriodRow[] {
    return [...this.rows.values()].sort(
      (a, b) => order.indexOf(a.entity) - order.indexOf(b.entity) || a.month.localeCompare(b.month),
    )
  }
}
