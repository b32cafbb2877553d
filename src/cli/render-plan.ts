import type {Plan} from '../load/plan.js'

/** The plan as a person reads it in a terminal. */
export function renderPlan(plan: Plan): string {
  const lines = ['Plan (nothing has been written):']
  for (const [entity, c] of Object.entries(plan.entities)) {
    lines.push(
      `  ${entity.padEnd(14)} ${c.create} create, ${c.adopt} adopt, ${c.skip} skip, ${c.blocked} blocked` +
        (c.update ? `, ${c.update} to update` : ''),
    )
  }
  const updates = Object.values(plan.entities).reduce((n, c) => n + (c?.update ?? 0), 0)
  if (updates > 0) {
    lines.push(
      `${updates} loaded records are mapped differently now (the Corrections sheet of --out lists each field); ` +
        '`qbo migrate load --update` applies them.',
    )
  }
  // A mapping onto a tax code of another rate changes the BAS: said here, detailed on the Tax totals sheet.
  for (const t of plan.effect?.taxTotals ?? []) {
    if (t.difference === '' || Number(t.difference) === 0) continue
    lines.push(
      `Tax: ${t.sourceCode} (${t.direction}, ${t.sourceRate}%) goes to "${t.qboCode}" (${t.qboRate}%): ` +
        `${t.sourceTax} in the source, ${t.plannedTax} at the QBO rate (difference ${t.difference}).`,
    )
  }
  if (plan.sincePrevious) {
    const n = plan.sincePrevious.changes.length
    lines.push(
      n === 0
        ? 'Nothing changed since the previous plan.'
        : `${n} changes since the previous plan (the Since last plan sheet of --out lists them).`,
    )
  }
  const e = plan.estimate
  lines.push(
    `Estimate: ${e.requests} requests (${e.batches} batches), about ${e.minutes} minutes at QBO's limits.`,
  )
  // The record as a person knows it (its number, name, date), not the source key it is staged under.
  const labels = new Map(plan.records.map((r) => [`${r.entity}\u0000${r.sourceId}`, r.label]))
  for (const i of plan.issues.slice(0, 20)) {
    const label = labels.get(`${i.entity}\u0000${i.sourceId}`) ?? i.sourceId
    lines.push(`  blocked ${i.entity} ${label}: ${i.message} Fix: ${i.fix}`)
  }
  if (plan.issues.length > 20) lines.push(`  … and ${plan.issues.length - 20} more (use --json or --out).`)
  return lines.join('\n')
}
