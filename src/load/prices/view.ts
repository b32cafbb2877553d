import {UserInputError} from '../../domain/errors.js'
import type {PriceListRead, PriceProfile} from '../../domain/price-list.js'
import type {DiffLine, DiffWarning, LineStatus} from '../../mappers/price-list/index.js'
import type {Staging} from '../../staging/index.js'
import type {LineState, StoredDiff} from '../../staging/prices.js'

/** A diff line with what the user chose and what became of it. */
export type ViewLine = DiffLine & {selected: boolean; state: LineState; result: unknown}

/** A stored diff as `qbo prices diff --json` prints it and the dashboard shows it: one shape for both. */
export interface DiffView {
  id: number
  realmId: string
  supplier: string
  vendorId: string | null
  profile: PriceProfile
  file: Omit<PriceListRead, 'rows' | 'headers' | 'incGstColumns'> & {rows: number}
  createdAt: string
  createdBy: string
  /** The change (as a fraction of the current cost) above which a line is flagged. */
  threshold: string
  warnings: DiffWarning[]
  counts: Record<LineStatus, number>
  /** Change lines by what became of them: written, refused because someone changed the cost, failed, to do. */
  applied: {written: number; conflict: number; failed: number; pending: number; unselected: number}
  lines: ViewLine[]
}

/** One line of the history of price lists. */
export interface DiffSummary {
  id: number
  createdAt: string
  createdBy: string
  supplier: string
  fileName: string
  fileHash: string
  changes: number
  applied: DiffView['applied']
}

export function loadDiff(staging: Staging, id: number): StoredDiff {
  const diff = staging.prices.diff(id)
  if (!diff)
    throw new UserInputError(`There is no price diff ${id}.`, {
      next: 'Run `qbo prices history` to list them, or make one with `qbo prices diff FILE --supplier NAME`.',
    })
  return diff
}

export function diffView(staging: Staging, id: number): DiffView {
  const d = loadDiff(staging, id)
  const lines: ViewLine[] = staging.prices.lines(id).map((l) => ({
    ...(JSON.parse(l.lineJson) as DiffLine),
    selected: l.selected,
    state: l.state,
    result: l.resultJson === null ? null : (JSON.parse(l.resultJson) as unknown),
  }))
  return {
    id: d.id,
    realmId: d.realmId,
    supplier: d.supplier,
    vendorId: d.vendorId,
    profile: JSON.parse(d.profileJson) as PriceProfile,
    file: JSON.parse(d.readJson) as DiffView['file'],
    createdAt: d.createdAt,
    createdBy: d.createdBy,
    threshold: d.threshold,
    warnings: JSON.parse(d.warningsJson) as DiffWarning[],
    counts: JSON.parse(d.countsJson) as Record<LineStatus, number>,
    applied: appliedCounts(lines),
    lines,
  }
}

function appliedCounts(lines: readonly ViewLine[]): DiffView['applied'] {
  const out = {written: 0, conflict: 0, failed: 0, pending: 0, unselected: 0}
  for (const l of lines) {
    if (l.status !== 'change') continue
    if (l.state !== 'pending') out[l.state]++
    else if (l.selected) out.pending++
    else out.unselected++
  }
  return out
}

/** The latest price lists first, with what each changed. */
export function listDiffs(staging: Staging, limit = 50): DiffSummary[] {
  return staging.prices.diffs(limit).map((d) => {
    const v = diffView(staging, d.id)
    return {
      id: d.id,
      createdAt: d.createdAt,
      createdBy: d.createdBy,
      supplier: d.supplier,
      fileName: d.fileName,
      fileHash: d.fileHash,
      changes: v.counts.change,
      applied: v.applied,
    }
  })
}
