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
