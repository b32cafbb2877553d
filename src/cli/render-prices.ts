import {userInfo} from 'node:os'

import type {ApplyResult, DiffSummary, DiffView, ViewLine} from '../load/prices/index.js'

/** Who runs the command, for the audit log: the operating-system user. */
export function currentUser(): string {
  try {
    return userInfo().username || 'unknown'
  } catch {
    return 'unknown'
  }
}

const STATUS: Record<string, string> = {
  change: 'change',
  same: 'same',
  placeholder: 'placeholder',
  invalid: 'cannot use',
  ambiguous: 'ambiguous',
  not_in_qbo: 'not in QBO',
  missing_from_file: 'not in file',
}

function pad(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width)
}

function lineText(l: ViewLine): string {
  const mark =
    l.status !== 'change'
      ? ' '
      : l.state === 'written'
        ? '✓'
        : l.state === 'conflict'
          ? '!'
          : l.selected
            ? '*'
            : ' '
  const cost = l.newCost ? `${l.oldCost ?? '—'} → ${l.newCost}` : (l.oldCost ?? '')
  const pct = l.changePct ? ` (${l.changePct}%)` : ''
  return `${mark}${String(l.line).padStart(4)}  ${pad(STATUS[l.status] ?? l.status, 11)} ${pad(l.item?.name ?? l.description ?? '', 28)} ${pad(l.item?.sku ?? '', 12)} ${pad(l.code ?? '', 12)} ${cost}${pct}`
}

/** A diff for a terminal: the file, its warnings, every line with its warnings, and what to run next. */
export function renderDiff(v: DiffView): string {
  const c = v.counts
  const out = [
    `Price diff ${v.id}: ${v.file.fileName} from ${v.supplier} (sheet "${v.file.sheet}", header row ${v.file.headerRow}, profile "${v.profile.name}")`,
    `${c.change} changes, ${c.same} unchanged, ${c.placeholder} placeholders, ${c.invalid + c.ambiguous} unusable, ` +
      `${c.not_in_qbo} not in QBO, ${c.missing_from_file} of the supplier's items not in the file.`,
  ]
  for (const w of v.warnings) out.push(`Warning: ${w.message}`)
  out.push(
    '',
    `      ${pad('status', 11)} ${pad('item', 28)} ${pad('SKU', 12)} ${pad('code', 12)} old → new cost`,
  )
  for (const l of v.lines) {
    out.push(lineText(l))
    for (const w of l.warnings) out.push(`        ⚠ ${w.message}`)
  }
  const pending = v.applied.pending
  out.push('')
  if (pending > 0)
    out.push(
      `* = will be written. Apply with: qbo prices apply ${v.id}   (leave lines out with --skip CODE,… or --skip-line N,…)`,
    )
  else out.push(`Nothing left to write (${v.applied.written} written, ${v.applied.conflict} in conflict).`)
  return out.join('\n')
}

export function renderApply(r: ApplyResult): string {
  if (r.dryRun) {
    return [
      `Dry run of price diff ${r.diffId}: ${r.planned.length} PurchaseCost updates would be written (nothing sent).`,
      ...r.planned.map(
        (p) => `  ${String(p.line).padStart(4)}  ${pad(p.item, 28)} ${p.oldCost ?? '—'} → ${p.newCost}`,
      ),
    ].join('\n')
  }
  const out = [`Price diff ${r.diffId} applied to QBO company ${r.realmId} (run ${r.runId}):`]
  if (r.recovered.writes > 0)
    out.push(
      `  ${r.recovered.writes} writes an earlier apply left without an answer were resolved (${r.recovered.found} were in QBO, ` +
        `${r.recovered.resent} sent again unchanged, ${r.recovered.notLanded} had not landed).`,
    )
  out.push(`  ${r.written.length} costs written.`)
  for (const c of r.conflicts)
    out.push(
      `  Conflict, not written: ${c.item} — the cost in QBO is now ${c.qboCost ?? 'empty'} (was ${c.oldCost ?? 'empty'} when diffed; the file says ${c.newCost}).`,
    )
  for (const f of r.failed) out.push(`  Failed: ${f.item} — ${f.fault?.code} ${f.fault?.message}`)
  if (r.earlier.written || r.earlier.conflict)
    out.push(
      `  Already done by an earlier apply: ${r.earlier.written} written, ${r.earlier.conflict} in conflict.`,
    )
  if (r.unselected) out.push(`  Left out by choice: ${r.unselected}.`)
  if (r.conflicts.length)
    out.push('  Make a new diff to see the items as they are now: qbo prices diff FILE --supplier NAME')
  return out.join('\n')
}

export function renderHistory(rows: readonly DiffSummary[]): string {
  if (rows.length === 0) return 'No price lists yet: `qbo prices diff FILE --supplier NAME` makes the first.'
  return rows
    .map(
      (d) =>
        `${String(d.id).padStart(4)}  ${d.createdAt.slice(0, 16).replace('T', ' ')}  ${pad(d.supplier, 24)} ${pad(d.fileName, 30)} ` +
        `${d.changes} changes: ${d.applied.written} written, ${d.applied.conflict} conflicts, ${d.applied.pending} to do`,
    )
    .join('\n')
}
