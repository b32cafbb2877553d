import type {ShipStationStatus, SyncResult} from '../load/shipstation/index.js'

function fieldsText(f: Record<string, string | undefined>): string {
  return Object.entries(f)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k === 'ShipMethod' ? 'Ship via' : k} ${v === '' ? '(cleared)' : v}`)
    .join(', ')
}

/** A run for people: per store what was read, the counts, and every order that needs a look. */
export function renderSyncResult(r: SyncResult): string {
  const c = r.counts
  const lines = [
    `ShipStation → QBO company ${r.realmId}${r.dryRun ? ' (dry run: nothing written)' : ''}, run ${r.runId}:`,
  ]
  for (const s of r.stores) {
    const what = s.error
      ? `not read: ${s.error.message}`
      : `${s.fetched} label${s.fetched === 1 ? '' : 's'} since ${s.readFrom} (${s.new} new, ${s.changed} changed, ${s.voided} voided)`
    lines.push(`  store ${s.storeId}${s.name ? ` ${s.name}` : ''} [${s.matchBy}]: ${what}`)
  }
  lines.push(
    `  fetched ${c.fetched}, matched ${c.matched}, ${r.dryRun ? 'would update' : 'updated'} ${c.updated}, unchanged ${c.unchanged}, ` +
      `voided ${c.voided}, unmatched ${c.unmatched}, parked ${c.parked}, conflicts ${c.conflicts}, errors ${c.errors}`,
  )
  if (r.recovered.writes > 0) {
    lines.push(
      `  Resolved first: ${r.recovered.writes} updates an earlier run left without an answer (${r.recovered.found} were in QBO, ` +
        `${r.recovered.resent} sent again unchanged, ${r.recovered.notLanded} had not landed).`,
    )
  }
  for (const u of r.updated.slice(0, 50)) {
    lines.push(
      `  ${r.dryRun ? 'would update' : 'updated'} invoice ${u.docNumber ?? u.invoiceId} (store ${u.store} order ${u.order}): ${fieldsText({...u.fields})}`,
    )
  }
  if (r.updated.length > 50)
    lines.push(`  … and ${r.updated.length - 50} more (see --json or the result file)`)
  for (const u of r.unmatched)
    lines.push(`  unmatched: store ${u.store} order ${u.order}: ${u.reason} (retried until ${u.retryUntil})`)
  for (const p of r.parked) lines.push(`  parked: store ${p.store} order ${p.order}: ${p.reason}`)
  for (const x of r.conflicts)
    lines.push(
      `  conflict: invoice ${x.invoiceId} (store ${x.store} order ${x.order}): ${x.reason}; not overwritten`,
    )
  for (const e of r.errors)
    lines.push(
      `  error: ${e.store ? `store ${e.store} ` : ''}${e.order ? `order ${e.order} ` : ''}${e.code} ${e.message}`,
    )
  for (const u of r.unmappedStores)
    lines.push(
      `  not mapped, not read: store ${u.storeId}${u.name ? ` ${u.name}` : ''} (\`qbo sync shipstation map ${u.storeId} --by …\`)`,
    )
  const ss = r.requests.shipstation
  lines.push(
    `  requests: ShipStation ${ss.sent} (${ss.rateLimited} answered 429, waited ${ss.waitedSeconds} s for the limit), ` +
      `QBO ${r.requests.qbo.sent} (${r.requests.qbo.throttled} throttled)`,
  )
  if (r.conflicts.length > 0)
    lines.push(
      '  Conflicts: fix the field in QBO (or clear it), or run with --overwrite-conflicts to let the labels win.',
    )
  if (r.resultFile) lines.push(`  result file: ${r.resultFile}`)
  if (r.auth?.warning) lines.push(`  Warning: ${r.auth.warning}`)
  return lines.join('\n')
}

export function renderStatus(s: ShipStationStatus): string {
  const lines = ['ShipStation sync:']
  if (s.stores.length === 0)
    lines.push('  no store mapped yet (`qbo sync shipstation stores`, then `qbo sync shipstation map`).')
  for (const st of s.stores) {
    const orders =
      Object.entries(st.orders)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'no orders yet'
    lines.push(
      `  store ${st.storeId}${st.name ? ` ${st.name}` : ''}: by ${st.matchBy} "${st.matchValue}", read up to ${st.watermark ?? 'never'}; ${orders}`,
    )
  }
  const last = s.runs[0]
  lines.push(
    last
      ? `  last run ${last.runId}: ${last.status} at ${last.finishedAt ?? last.startedAt}`
      : '  no run yet',
  )
  if (s.inDoubt > 0)
    lines.push(`  ${s.inDoubt} invoice updates without an answer yet: the next run resolves them first`)
  const a = s.attention
  for (const [label, list] of [
    ['unmatched', a.unmatched],
    ['parked', a.parked],
    ['conflict', a.conflicts],
    ['failed', a.failed],
  ] as const) {
    for (const o of list.slice(0, 20))
      lines.push(
        `  ${label}: store ${o.store} order ${o.order}${o.invoiceId ? ` invoice ${o.invoiceId}` : ''}: ${o.reason ?? ''}`,
      )
    if (list.length > 20) lines.push(`  … ${list.length - 20} more ${label} (see --json)`)
  }
  return lines.join('\n')
}
