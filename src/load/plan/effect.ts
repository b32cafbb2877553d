/**
 * What the mapping does to the numbers, before anything is loaded: per source account how many records use
 * it and its balance, per tax code the lines using it, the tax the source charged against the tax QBO will
 * compute at the mapped code's rate, and the totals each QBO account receives. Pure (data in, data out); the
 * mapping workbook and the preview render it.
 */
import type {Account, CanonicalRecord, DocumentLine, Item, TradeDocument} from '../../domain/canonical.js'
import {D, type Dec, dec} from '../../domain/money.js'
import {accountRef} from '../../mappers/accounts.js'
import type {MappingContext, QboTaxCode} from '../../mappers/context.js'
import {qboRate} from '../../mappers/mapping-fit.js'
import {resolveTaxCode, type TaxDirection} from '../../mappers/tax.js'
import {controlAccounts, SourceLedger} from '../../reconcile/source-ledger.js'
import {TRANSACTION_KINDS, type TransactionKind} from '../../reconcile/source-docs.js'

export interface AccountUsage {
  /** Staged records that post to the account (a document counts once however many lines it has). */
  records: number
  /** Debit-positive balance of everything staged (all dates), from the staged records. */
  balance: string
}

interface TaxedLine {
  code: string
  direction: TaxDirection
  accountClass: string | undefined
  net: Dec
  tax: Dec
}

/** Tax code key as the overrides use it: `code:sales` / `code:purchase`. */
export const taxKey = (code: string, direction: TaxDirection) => `${code}:${direction}`

const TRADE = new Set(['invoice', 'creditNote', 'bill', 'supplierCredit'])

function linesOf(
  r: CanonicalRecord,
): {lines: readonly DocumentLine[]; direction: TaxDirection; amountsAre: string} | undefined {
  if (TRADE.has(r.kind)) {
    const doc = r.record as TradeDocument
    const sales = r.kind === 'invoice' || r.kind === 'creditNote'
    return {lines: doc.lines, direction: sales ? 'sales' : 'purchase', amountsAre: doc.amountsAre}
  }
  if (r.kind === 'bankTransaction') {
    const tx = r.record
    return {
      lines: tx.lines,
      direction: tx.type === 'receive' ? 'sales' : 'purchase',
      amountsAre: tx.amountsAre,
    }
  }
  return undefined
}

/** The account ids a record posts to (lines, bank side, transfer ends), items resolved to their accounts. */
function accountsOf(r: CanonicalRecord, items: ReadonlyMap<string, Item>): Set<string> {
  const out = new Set<string>()
  const add = (id: string | undefined) => id && out.add(id)
  const docLines = linesOf(r)
  for (const l of docLines?.lines ?? []) {
    const item = l.itemCode ? items.get(l.itemCode) : undefined
    add(l.accountId ?? (docLines?.direction === 'sales' ? item?.salesAccountId : item?.purchaseAccountId))
  }
  if (r.kind === 'bankTransaction' || r.kind === 'payment' || r.kind === 'billPayment')
    add(r.record.bankAccountId)
  if (r.kind === 'bankTransfer') {
    add(r.record.fromAccountId)
    add(r.record.toAccountId)
  }
  if (r.kind === 'manualJournal' || r.kind === 'openingBalance')
    for (const l of r.record.lines) add(l.accountId)
  return out
}

function taxedLines(
  records: readonly CanonicalRecord[],
  accounts: ReadonlyMap<string, Account>,
): TaxedLine[] {
  const out: TaxedLine[] = []
  for (const r of records) {
    const doc = linesOf(r)
    if (!doc || doc.amountsAre === 'noTax') continue
    for (const l of doc.lines) {
      if (!l.taxCode) continue
      const tax = dec(l.taxAmount)
      const gross = dec(l.lineAmount)
      out.push({
        code: l.taxCode,
        direction: doc.direction,
        accountClass: l.accountId ? accounts.get(l.accountId)?.class : undefined,
        net: doc.amountsAre === 'inclusive' ? gross.minus(tax) : gross,
        tax,
      })
    }
  }
  return out
}

/** Per source account: the records that use it and its balance over everything staged. */
export function accountUsage(records: readonly CanonicalRecord[]): Map<string, AccountUsage> {
  const accounts: Account[] = []
  const items = new Map<string, Item>()
  for (const r of records) {
    if (r.kind === 'account') accounts.push(r.record)
    if (r.kind === 'item') items.set(r.record.code, r.record)
  }
  const ledger = new SourceLedger({asOf: '9999-12-31', items, ...controlAccounts(accounts)})
  const counts = new Map<string, number>()
  const kinds = new Set<string>(TRANSACTION_KINDS)
  for (const r of records) {
    if (!kinds.has(r.kind)) continue
    ledger.post(r.kind as TransactionKind, r.record)
    for (const id of accountsOf(r, items)) counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  const balances = ledger.balances()
  return new Map(
    accounts.map((a) => [
      a.id,
      {records: counts.get(a.id) ?? 0, balance: (balances.get(a.id) ?? new D(0)).toFixed(2)},
    ]),
  )
}

/** Per `code:direction`: how many staged lines use the source tax code. */
export function taxUsage(records: readonly CanonicalRecord[]): Map<string, number> {
  const accounts = new Map(
    records.flatMap((r) => (r.kind === 'account' ? [[r.record.id, r.record] as const] : [])),
  )
  const out = new Map<string, number>()
  for (const l of taxedLines(records, accounts)) {
    const k = taxKey(l.code, l.direction)
    out.set(k, (out.get(k) ?? 0) + 1)
  }
  return out
}

export interface TaxTotal {
  sourceCode: string
  direction: TaxDirection
  sourceRate: string
  /** The QBO tax code the lines go to, or why none (blocked). */
  qboCode: string
  /** The QBO code's rate for the direction; '' when unknown. */
  qboRate: string
  lines: number
  net: string
  /** Tax as the source charged it. */
  sourceTax: string
  /** Tax at the QBO code's rate on the same net amounts (what QBO computes for the code); '' when unknown. */
  plannedTax: string
  /** plannedTax - sourceTax; '' when unknown. */
  difference: string
}

export interface AccountTotal {
  qboAccount: string
  qboType: string
  /** The source accounts mapped onto it (code and name). */
  sourceAccounts: string[]
  records: number
  /** Debit-positive balance of the staged records on those source accounts. */
  balance: string
}

export interface PlanEffect {
  taxTotals: TaxTotal[]
  accountTotals: AccountTotal[]
}

const round = (d: Dec) => d.toDecimalPlaces(2, D.ROUND_HALF_UP)

function taxTotals(records: readonly CanonicalRecord[], ctx: MappingContext): TaxTotal[] {
  const groups = new Map<string, {line: TaxedLine; code?: QboTaxCode; why?: string; lines: TaxedLine[]}>()
  for (const line of taxedLines(records, ctx.source.accounts)) {
    const resolved = resolveTaxCode(ctx, line.code, line.direction, line.accountClass)
    const code = 'code' in resolved ? resolved.code : undefined
    const k = `${taxKey(line.code, line.direction)}\u0000${code?.Id ?? ''}`
    const g = groups.get(k) ?? {
      line,
      lines: [],
      ...(code ? {code} : {why: 'issue' in resolved ? `(blocked: ${resolved.issue.code})` : ''}),
    }
    g.lines.push(line)
    groups.set(k, g)
  }
  return [...groups.values()]
    .map((g) => {
      const rate = g.code ? qboRate(g.code, g.line.direction) : undefined
      const net = g.lines.reduce((t, l) => t.plus(l.net), new D(0))
      const sourceTax = g.lines.reduce((t, l) => t.plus(l.tax), new D(0))
      // QBO computes tax line by line at the code's rate; rounded per line as a document would be.
      const planned =
        rate === undefined
          ? undefined
          : g.lines.reduce((t, l) => t.plus(round(l.net.times(rate).div(100))), new D(0))
      return {
        sourceCode: g.line.code,
        direction: g.line.direction,
        sourceRate: ctx.source.taxRates.get(g.line.code)?.rate ?? '',
        qboCode: g.code?.Name ?? g.why ?? '',
        qboRate: rate ?? '',
        lines: g.lines.length,
        net: net.toFixed(2),
        sourceTax: sourceTax.toFixed(2),
        plannedTax: planned?.toFixed(2) ?? '',
        difference: planned?.minus(sourceTax).toFixed(2) ?? '',
      }
    })
    .sort((a, b) => a.sourceCode.localeCompare(b.sourceCode) || a.direction.localeCompare(b.direction))
}

/** The QBO account a source account's postings land on, by name, with its type. */
function targetOf(
  ctx: MappingContext,
  account: Account,
  created: ReadonlyMap<string, {name: string; type: string}>,
): {name: string; type: string} {
  const ref = accountRef(ctx, account.id)
  if ('issue' in ref) return {name: `(blocked: ${ref.issue.code})`, type: ''}
  const r = ref.ref
  if ('value' in r) {
    const qbo = ctx.target.accounts.find((a) => a.Id === r.value)
    return {name: qbo?.Name ?? `Id ${r.value}`, type: qbo?.AccountType ?? ''}
  }
  return created.get(r.ref.sourceId) ?? {name: `(not created: ${account.name})`, type: ''}
}

function accountTotals(
  records: readonly CanonicalRecord[],
  ctx: MappingContext,
  created: ReadonlyMap<string, {name: string; type: string}>,
): AccountTotal[] {
  const usage = accountUsage(records)
  const totals = new Map<string, AccountTotal & {sum: Dec}>()
  for (const account of ctx.source.accounts.values()) {
    const u = usage.get(account.id)
    if (!u || (u.records === 0 && dec(u.balance).isZero())) continue
    const target = targetOf(ctx, account, created)
    const t = totals.get(target.name) ?? {
      qboAccount: target.name,
      qboType: target.type,
      sourceAccounts: [],
      records: 0,
      balance: '0.00',
      sum: new D(0),
    }
    t.sourceAccounts.push(`${account.code ?? account.id} ${account.name}`)
    t.records += u.records
    t.sum = t.sum.plus(dec(u.balance))
    totals.set(target.name, t)
  }
  return [...totals.values()]
    .map(({sum, ...t}) => ({...t, balance: sum.toFixed(2)}))
    .sort((a, b) => a.qboAccount.localeCompare(b.qboAccount))
}

/**
 * The effect of the mapping in `ctx` on the staged records. `created` names the accounts the plan creates
 * (source account id -> the new QBO account's name and type).
 */
export function planEffect(
  records: readonly CanonicalRecord[],
  ctx: MappingContext,
  created: ReadonlyMap<string, {name: string; type: string}>,
): PlanEffect {
  return {taxTotals: taxTotals(records, ctx), accountTotals: accountTotals(records, ctx, created)}
}
