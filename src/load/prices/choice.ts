import {UsageError} from '../../domain/errors.js'
import {codeKey, type DiffLine} from '../../mappers/price-list/index.js'
import type {Staging} from '../../staging/index.js'
import type {StoredLine} from '../../staging/prices.js'
import type {ApplyInput, ApplyLine} from './apply.js'

/** A change line to write, with the stored state it is written from. */
export type Todo = {
  stored: StoredLine
  line: DiffLine & {item: NonNullable<DiffLine['item']>; newCost: string}
}

/** Selected change lines not yet written (a failed one is tried again; a conflict waits for a new diff). */
export function toWrite(lines: readonly StoredLine[]): Todo[] {
  return lines
    .filter((l) => l.status === 'change' && l.selected && (l.state === 'pending' || l.state === 'failed'))
    .map((stored) => ({stored, line: JSON.parse(stored.lineJson) as Todo['line']}))
}

/** Replaces the stored selection: every change line is written except those skipped. */
export function choose(staging: Staging, diffId: number, input: ApplyInput): void {
  const lines = staging.prices.lines(diffId).map((l) => JSON.parse(l.lineJson) as DiffLine)
  const changes = lines.filter((l) => l.status === 'change')
  const skipped = new Set<number>()
  const unknown: string[] = []
  for (const n of input.skipLines ?? []) {
    if (changes.some((l) => l.line === n)) skipped.add(n)
    else unknown.push(`line ${n}`)
  }
  for (const code of input.skip ?? []) {
    const key = codeKey(code)
    const hits = changes.filter(
      (l) => (l.code !== null && codeKey(l.code) === key) || (l.item?.sku && codeKey(l.item.sku) === key),
    )
    if (hits.length === 0) unknown.push(`"${code}"`)
    for (const h of hits) skipped.add(h.line)
  }
  if (unknown.length > 0)
    throw new UsageError(`Not a change in price diff ${diffId}: ${unknown.join(', ')}.`, {
      next: `Run \`qbo prices show ${diffId}\` to see its change lines (their numbers, supplier codes and SKUs).`,
    })
  staging.prices.select(diffId, skipped)
}

export function applyLine(line: Todo['line'], extra: Partial<ApplyLine>): ApplyLine {
  return {
    line: line.line,
    itemId: line.item.id,
    item: line.item.name,
    sku: line.item.sku,
    code: line.code,
    oldCost: line.oldCost,
    newCost: line.newCost,
    ...extra,
  }
}
