/** What a QBO company holds, as the undo and corrections tests compare it: active counts, trial balance, aging. */
import {allOf, LISTS, type LoadWorld} from './load-harness.js'

export const ENTITIES = [
  ...Object.keys(LISTS),
  'Invoice',
  'CreditMemo',
  'SalesReceipt',
  'Bill',
  'VendorCredit',
  'Purchase',
  'Deposit',
  'Transfer',
  'JournalEntry',
  'Payment',
  'BillPayment',
]

/** A fresh access token for the world's company: under a large time scale the last one expires within seconds. */
export async function freshToken(world: LoadWorld): Promise<void> {
  const res = await fetch(`${world.emulator.url}/_emulator/tokens`, {
    method: 'POST',
    body: JSON.stringify({realmId: world.emulator.realmId}),
  })
  world.accessToken = ((await res.json()) as {access_token: string}).access_token
}

/** Records of each entity QBO lists as active (every transaction; list records with Active not false). */
export async function activeCounts(world: LoadWorld): Promise<Record<string, number>> {
  await freshToken(world)
  const out: Record<string, number> = {}
  for (const entity of ENTITIES)
    out[entity] = (await allOf(world, entity)).filter((r) => r.Active !== false).length
  return out
}

/** A report from the emulator's report endpoint, as any client reads it (backing off on 429). */
export async function report(world: LoadWorld, name: string, params = ''): Promise<unknown> {
  const url = `${world.emulator.url}/v3/company/${world.emulator.realmId}/reports/${name}?${params}`
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, {
      headers: {Authorization: `Bearer ${world.accessToken}`, Accept: 'application/json'},
    })
    if (res.status === 429 && attempt < 20) {
      await new Promise((r) => setTimeout(r, 250))
      continue
    }
    if (res.status !== 200) throw new Error(`report ${name} answered ${res.status}: ${await res.text()}`)
    return res.json()
  }
}

/** A report's rows as [label, ...values] lines (headers, data and totals), without its header block. */
export function reportRows(json: unknown): string[][] {
  type Row = {ColData?: {value?: string}[]; Header?: Row; Summary?: Row; Rows?: {Row?: Row[]}}
  const out: string[][] = []
  const cells = (r: Row | undefined) => r?.ColData && out.push(r.ColData.map((c) => c.value ?? ''))
  const walk = (rows: Row[] | undefined): void => {
    for (const row of rows ?? []) {
      cells(row.Header)
      cells(row)
      walk(row.Rows?.Row)
      cells(row.Summary)
    }
  }
  walk((json as {Rows?: {Row?: Row[]}}).Rows?.Row)
  return out
}

/** Trial balance and both aged reports at one date, as comparable rows. */
export async function books(world: LoadWorld, date: string): Promise<Record<string, string[][]>> {
  await freshToken(world)
  return {
    TrialBalance: reportRows(await report(world, 'TrialBalance', `end_date=${date}`)),
    AgedReceivables: reportRows(await report(world, 'AgedReceivables', `report_date=${date}`)),
    AgedPayables: reportRows(await report(world, 'AgedPayables', `report_date=${date}`)),
  }
}
