import type {PoBatchResult} from '../po/index.js'

function counts(c: Record<string, number>): string {
  return Object.entries(c)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')
}

/** A purchase-order batch as a person reads it: per step, what needs attention, and the result file. */
export function renderPoBatch(r: PoBatchResult): string {
  const lines = [`Batch ${r.batchId} (${r.status}): ${r.purchaseOrders} purchase orders`]
  if (r.notice) lines.push(r.notice)
  lines.push(
    `  tag and ship date: ${counts(r.steps.update)}`,
    `  PDF: ${counts(r.steps.pdf)}`,
    `  email: ${counts(r.steps.email)}`,
  )
  for (const m of r.mails)
    lines.push(`  SMTP part ${m.part}: ${m.purchaseOrders} purchase orders, ${m.state} (${m.messageId})`)
  if (r.recovered && r.recovered.writes > 0)
    lines.push(
      `  resolved from an earlier run: ${r.recovered.writes} (${r.recovered.found} found in QBO, ${r.recovered.resent} sent again after checking)`,
    )
  for (const a of r.attention.slice(0, 20))
    lines.push(`  ! ${a.docNumber ?? a.poId} ${a.step} ${a.state}: ${a.note ?? ''}`)
  if (r.attention.length > 20) lines.push(`  … and ${r.attention.length - 20} more (see the result file)`)
  if (r.attention.some((a) => a.state === 'undecided'))
    lines.push(
      "  Undecided emails are never sent again by themselves: check the warehouse's inbox, then run " +
        '`qbo po batch --resume --confirm-email sent` (or not-sent).',
    )
  if (r.resultFile) lines.push(`Result: ${r.resultFile}`)
  return lines.join('\n')
}
