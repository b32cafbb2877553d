import {rememberDeletion} from './cdc.js'
import {faults} from './faults.js'
import {type WriteContext, isObject, refValue} from './entities/context.js'
import {assertOpenPeriod} from './entities/header.js'
import {normalizeList} from './entities/lists.js'
import {normalizeName} from './entities/names.js'
import {assertSparseAllowed} from './entities/purchase-order.js'
import {PAYER, linksOf, normalizePayment, refreshBalance, refreshPartyBalance} from './entities/payments.js'
import type {EntityDef} from './entities/registry.js'
import {
  normalizeBanking,
  normalizeJournal,
  normalizePurchase,
  normalizeSales,
} from './entities/transactions.js'
import {stamp} from './seed.js'
import type {Json} from './store.js'
import {qboMetaTime} from './time.js'

/** Fields QBO computes or owns: ignored when sent (qbo-api.md §4 "Read-only fields are silently ignored"). */
const READ_ONLY = [
  'Id',
  'SyncToken',
  'MetaData',
  'domain',
  'sparse',
  'Balance',
  'HomeBalance',
  'HomeTotalAmt',
  'RemainingCredit',
  'FullyQualifiedName',
  'Level',
  'CurrentBalance',
  'CurrentBalanceWithSubAccounts',
  'Classification',
  'BalanceWithJobs',
  'UnappliedAmt',
]

function writable(def: EntityDef, body: Json): Json {
  const out: Json = {...body}
  for (const f of READ_ONLY) delete out[f]
  if (def.family !== 'payment') delete out.TotalAmt
  if (def.family !== 'payment' && def.family !== 'banking') delete out.LinkedTxn
  return out
}

function normalize(def: EntityDef, input: Json, existing: Json | undefined, ctx: WriteContext): Json {
  switch (def.family) {
    case 'name':
      return normalizeName(def.name, input, existing, ctx)
    case 'list':
      return normalizeList(def.name, input, existing, ctx)
    case 'sales':
      return normalizeSales(def, input, existing, ctx)
    case 'purchase':
      return normalizePurchase(def, input, existing, ctx)
    case 'payment':
      return normalizePayment(def, input, existing, ctx)
    case 'banking':
      return normalizeBanking(def, input, existing, ctx)
    case 'journal':
      return normalizeJournal(def, input, existing, ctx)
    default:
      throw faults.unsupported(`Operation Create is not supported for ${def.name}.`)
  }
}

/** After a write, documents settled by a payment and the customer/supplier balances follow. */
function afterWrite(
  def: EntityDef,
  before: Json | undefined,
  after: Json | undefined,
  ctx: WriteContext,
): void {
  const store = ctx.store
  if (PAYER[def.name] && after) refreshBalance(store, def.name, String(after.Id))
  if (def.family === 'payment') {
    const seen = new Set<string>()
    for (const l of [...(before ? linksOf(before) : []), ...(after ? linksOf(after) : [])]) {
      if (seen.has(`${l.entity}:${l.id}`)) continue
      seen.add(`${l.entity}:${l.id}`)
      refreshBalance(store, l.entity, l.id)
    }
  }
  for (const [field, party] of [
    ['CustomerRef', 'Customer'],
    ['VendorRef', 'Vendor'],
  ] as const) {
    if (!['sales', 'purchase', 'payment'].includes(def.family)) continue
    const ids = new Set(
      [before && refValue(before, field), after && refValue(after, field)].filter((x): x is string => !!x),
    )
    for (const id of ids) refreshPartyBalance(store, party, id)
  }
}

function current(def: EntityDef, body: Json, ctx: WriteContext): Json {
  const id = body.Id === undefined || body.Id === null ? undefined : String(body.Id)
  if (!id) throw faults.required('Id')
  if (body.SyncToken === undefined || body.SyncToken === null) throw faults.required('SyncToken')
  const existing = ctx.hidden.has(`${def.name}:${id}`) ? undefined : ctx.store.get(def.name, id)
  if (!existing) throw faults.notFound()
  if (String(body.SyncToken) !== existing.SyncToken) throw faults.stale()
  return existing
}

function bumped(existing: Json, next: Json, nowMs: number): Json {
  const meta = isObject(existing.MetaData) ? existing.MetaData : {}
  return {
    ...next,
    domain: 'QBO',
    sparse: false,
    Id: existing.Id,
    SyncToken: String(Number(existing.SyncToken) + 1),
    MetaData: {...meta, LastUpdatedTime: qboMetaTime(nowMs)},
  }
}

export function createEntity(def: EntityDef, body: Json, ctx: WriteContext): Json {
  if (def.readOnly || def.family === 'singleton')
    throw faults.unsupported(`Operation Create is not supported for ${def.name}.`)
  const obj = normalize(def, writable(def, body), undefined, ctx)
  const row = stamp(obj, ctx.store.newId(), ctx.nowMs)
  ctx.store.put(def.name, row)
  ctx.hidden.add(`${def.name}:${String(row.Id)}`)
  afterWrite(def, undefined, row, ctx)
  return ctx.store.get(def.name, String(row.Id)) ?? row
}

/** Full update clears what is omitted; `sparse: true` changes only what is sent. */
export function updateEntity(def: EntityDef, body: Json, ctx: WriteContext): Json {
  if (def.readOnly) throw faults.unsupported(`Operation Update is not supported for ${def.name}.`)
  const existing = current(def, body, ctx)
  if (def.family === 'singleton') {
    const merged = deepMerge(writable(def, existing), writable(def, body))
    if (def.name === 'CompanyInfo') merged.Country = existing.Country
    const row = bumped(existing, merged, ctx.nowMs)
    ctx.store.put(def.name, row)
    return row
  }
  let input = writable(def, body)
  if (body.sparse === true) {
    assertSparseAllowed(ctx.store, def.name)
    const base = writable(def, existing)
    delete base.TxnTaxDetail
    input = {...base, ...input}
  }
  const row = bumped(existing, normalize(def, input, existing, ctx), ctx.nowMs)
  ctx.store.put(def.name, row)
  afterWrite(def, existing, row, ctx)
  return ctx.store.get(def.name, String(row.Id)) ?? row
}

function assertUnlinked(def: EntityDef, existing: Json, ctx: WriteContext): void {
  const payer = PAYER[def.name]
  const id = String(existing.Id)
  const paid = (p: Json) => linksOf(p).some((l) => l.entity === def.name && l.id === id && !l.amount.isZero())
  if (payer && ctx.store.linking(payer, def.name, id).some(paid))
    throw faults.business(`This ${def.name} has payments linked to it. Remove the linked payments first.`)
  if (def.name === 'Payment' && ctx.store.linking('Deposit', 'Payment', id).length > 0)
    throw faults.deposited()
}

export function deleteEntity(def: EntityDef, body: Json, ctx: WriteContext): Json {
  if (!def.deletable)
    throw faults.unsupported(
      `Operation Delete is not supported for ${def.name}. Make it inactive instead (Active=false).`,
    )
  const existing = current(def, body, ctx)
  assertOpenPeriod(ctx, existing.TxnDate)
  assertUnlinked(def, existing, ctx)
  ctx.store.remove(def.name, String(existing.Id))
  rememberDeletion(ctx.store, def.name, String(existing.Id), ctx.nowMs)
  afterWrite(def, existing, undefined, ctx)
  return {status: 'Deleted', domain: 'QBO', Id: existing.Id}
}

/** Void keeps the object with its amounts zeroed and "Voided" in front of PrivateNote. */
export function voidEntity(def: EntityDef, body: Json, ctx: WriteContext): Json {
  if (!def.voidable) throw faults.unsupported(`Operation Void is not supported for ${def.name}.`)
  const existing = current(def, body, ctx)
  assertOpenPeriod(ctx, existing.TxnDate)
  assertUnlinked(def, existing, ctx)
  const zeroLine = (l: Json): Json => {
    const out: Json = {...l, Amount: 0}
    delete out.TaxInclusiveAmt
    return out
  }
  const note =
    typeof existing.PrivateNote === 'string' && existing.PrivateNote
      ? `Voided - ${existing.PrivateNote}`
      : 'Voided'
  const voided: Json = {
    ...existing,
    Line: Array.isArray(existing.Line) ? (existing.Line as Json[]).map(zeroLine) : [],
    TotalAmt: 0,
    HomeTotalAmt: 0,
    PrivateNote: note,
    ...(existing.TxnTaxDetail !== undefined ? {TxnTaxDetail: {TotalTax: 0}} : {}),
    ...(existing.Balance !== undefined ? {Balance: 0, HomeBalance: 0} : {}),
    ...(existing.UnappliedAmt !== undefined ? {UnappliedAmt: 0} : {}),
  }
  const row = bumped(existing, voided, ctx.nowMs)
  ctx.store.put(def.name, row)
  afterWrite(def, existing, row, ctx)
  return ctx.store.get(def.name, String(row.Id)) ?? row
}

export function readEntity(def: EntityDef, id: string, ctx: Pick<WriteContext, 'store'>): Json {
  const row = ctx.store.get(def.name, id)
  if (!row) throw faults.notFound()
  return row
}

function deepMerge(base: Json, over: Json): Json {
  const out: Json = {...base}
  for (const [k, v] of Object.entries(over))
    out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k] as Json, v) : v
  return out
}
