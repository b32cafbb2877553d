import type {Item} from '../domain/canonical.js'
import {dec, toQboUnit} from '../domain/money.js'
import {accountRef, accountName} from './accounts.js'
import {findByName, nameKey, refTo, type MappingContext} from './context.js'
import type {Ref} from './refs.js'
import {Notes, type MapResult} from './result.js'
import {resolveTaxCode} from './tax.js'

/**
 * QBO sales lines need an item (a line without ItemRef is a description and its Amount is ignored), while
 * Xero and MYOB lines often carry only an account. Such lines use one Service item per income account,
 * created by the migration with that account as its income account, so the ledger is unchanged.
 */
export const accountItemSourceId = (accountId: string) => `account:${accountId}`

function cleanItemName(name: string): string {
  return name.replace(/:/g, '-').replace(/\s+/g, ' ').trim().slice(0, 100)
}

/** Account ids that need an account item: sales lines with no item, or whose item posts elsewhere. */
export function accountItemAccounts(ctx: MappingContext): string[] {
  const ids = new Set<string>()
  for (const doc of ctx.source.documents.values()) {
    if (doc.kind !== 'invoice' && doc.kind !== 'creditNote') continue
    for (const line of doc.lines)
      if (usesAccountItem(ctx, line.itemCode, line.accountId)) ids.add(line.accountId!)
  }
  return [...ids].sort()
}

/** A sales line goes through its account's item unless it names a tracked item or one posting to the same account. */
export function usesAccountItem(ctx: MappingContext, itemCode?: string, accountId?: string): boolean {
  if (!accountId) return false
  const item = itemCode ? ctx.source.itemsByCode.get(itemCode) : undefined
  if (!item) return true
  return !item.tracked && item.salesAccountId !== undefined && item.salesAccountId !== accountId
}

const nameCache = new WeakMap<MappingContext, Map<string, string>>()

/** Item names, unique case-insensitively: source items first (by id), then account items. */
export function itemNames(ctx: MappingContext): Map<string, string> {
  const cached = nameCache.get(ctx)
  if (cached) return cached
  const out = new Map<string, string>()
  const used = new Set<string>()
  const claim = (sourceId: string, wanted: string, alt: string) => {
    let name = cleanItemName(wanted)
    if (used.has(nameKey(name))) name = cleanItemName(alt)
    for (let n = 2; used.has(nameKey(name)); n++) name = cleanItemName(`${alt} ${n}`)
    used.add(nameKey(name))
    out.set(sourceId, name)
  }
  const items = [...ctx.source.items.values()].sort((a, b) => (a.id < b.id ? -1 : 1))
  for (const i of items) claim(i.id, i.name, `${i.name} (${i.code})`)
  for (const accountId of accountItemAccounts(ctx)) {
    const a = ctx.source.accounts.get(accountId)
    const label = a ? accountName(a) : accountId
    const wanted = a?.code ? `${label} (${a.code})` : label
    claim(accountItemSourceId(accountId), wanted, `${wanted} (account)`)
  }
  nameCache.set(ctx, out)
  return out
}

const firstUseCache = new WeakMap<MappingContext, Map<string, string>>()

/** The date of the first staged document with a line for this item (indexed once per context). */
function firstUse(ctx: MappingContext, code: string): string | undefined {
  let index = firstUseCache.get(ctx)
  if (!index) {
    index = new Map()
    for (const d of ctx.source.documents.values()) {
      for (const l of d.lines) {
        const seen = l.itemCode ? index.get(l.itemCode) : undefined
        if (l.itemCode && (seen === undefined || d.date < seen)) index.set(l.itemCode, d.date)
      }
    }
    firstUseCache.set(ctx, index)
  }
  return index.get(code)
}

function adoptOrCreate(
  ctx: MappingContext,
  notes: Notes,
  sourceId: string,
  name: string,
  payload: Record<string, unknown>,
): MapResult {
  // An item this migration loaded is mapped as it would be written now, so the plan can correct it.
  const existing = ctx.loaded.get('Item')?.has(sourceId)
    ? undefined
    : findByName(ctx.target.items, (x) => x.Name, name)
  if (existing && !existing.Active) {
    notes.block(
      'ADOPT_INACTIVE',
      `QBO item "${existing.Name}" exists but is inactive (made inactive in QBO, or by qbo migrate undo)`,
      `Make "${existing.Name}" active in QBO (Products and services, include inactive, Make active), then plan again.`,
    )
    return notes.result('Item', sourceId)
  }
  if (existing) {
    return {
      ...notes.result('Item', sourceId),
      disposition: {action: 'adopt', qboId: existing.Id, reason: `QBO item "${existing.Name}" exists`},
    }
  }
  return notes.result('Item', sourceId, payload)
}

function accountField(
  ctx: MappingContext,
  notes: Notes,
  accountId: string | undefined,
  what: string,
): Ref | undefined {
  if (!accountId) return undefined
  const r = accountRef(ctx, accountId)
  if ('issue' in r) {
    notes.block(r.issue.code, `${what}: ${r.issue.message}`, r.issue.fix)
    return undefined
  }
  return r.ref
}

export function mapItem(item: Item, ctx: MappingContext): MapResult {
  const notes = new Notes()
  const name = itemNames(ctx).get(item.id) ?? cleanItemName(item.name)
  if (name !== item.name)
    notes.decide('ITEM_RENAMED', `named "${name}" (unique, no ":", max 100)`, {from: item.name, to: name})
  const type = item.tracked ? 'Inventory' : item.isPurchased && !item.isSold ? 'NonInventory' : 'Service'
  const p: Record<string, unknown> = {Name: name, Type: type, Sku: item.code.slice(0, 100)}
  if (item.description) p.Description = item.description.slice(0, 4000)
  if (item.purchaseDescription) p.PurchaseDesc = item.purchaseDescription.slice(0, 1000)
  if (item.salePrice) p.UnitPrice = toQboUnit(dec(item.salePrice))
  if (item.purchasePrice) p.PurchaseCost = toQboUnit(dec(item.purchasePrice))

  const income = accountField(ctx, notes, item.salesAccountId, 'sales account')
  if (income) p.IncomeAccountRef = income
  if (type === 'Inventory') {
    const cogs = accountField(
      ctx,
      notes,
      item.cogsAccountId ?? item.purchaseAccountId,
      'cost of sales account',
    )
    const asset = accountField(ctx, notes, item.inventoryAssetAccountId, 'inventory asset account')
    if (cogs) p.ExpenseAccountRef = cogs
    if (asset) p.AssetAccountRef = asset
    const given = item.quantityAsOf ?? ctx.overrides.inventoryStartDate
    // QBO refuses an inventory transaction dated before the item's start date (fault 6270).
    const first = firstUse(ctx, item.code)
    const start = given && first && first < given ? first : given
    if (start !== given) {
      notes.decide(
        'INVENTORY_START_DATE_MOVED',
        `start date moved from ${given} to ${start}, the first document using the item; check the opening quantity`,
        {from: given, to: start, quantityOnHand: item.quantityOnHand ?? '0'},
      )
    }
    p.TrackQtyOnHand = true
    p.QtyOnHand = toQboUnit(dec(item.quantityOnHand ?? '0'))
    if (start) p.InvStartDate = start
    const missing = [
      !income && 'sales',
      !cogs && 'cost of sales',
      !asset && 'inventory asset',
      !start && 'quantity date',
    ].filter(Boolean)
    if (missing.length && notes.issues.length === 0) {
      notes.block(
        'ITEM_INVENTORY_INCOMPLETE',
        `a tracked item needs its ${missing.join(', ')} (QBO requires all of them for an Inventory item)`,
        'Add the missing accounts to the item in the source and re-extract, or set inventoryStartDate in the mapping.',
      )
    }
  } else {
    const expense = accountField(ctx, notes, item.purchaseAccountId, 'purchase account')
    if (expense) p.ExpenseAccountRef = expense
    if (!income && !expense && notes.issues.length === 0) {
      notes.block(
        'ITEM_ACCOUNT_MISSING',
        'the item has neither a sales nor a purchase account; QBO needs one',
        'Give the item a sales account in the source and re-extract.',
      )
    }
  }
  for (const [field, code, direction] of [
    ['SalesTaxCodeRef', item.salesTaxCode, 'sales'],
    ['PurchaseTaxCodeRef', item.purchaseTaxCode, 'purchase'],
  ] as const) {
    if (!code) continue
    const t = resolveTaxCode(ctx, code, direction)
    if ('code' in t) p[field] = {value: t.code.Id}
    else
      notes.decide(
        'ITEM_TAX_CODE_DROPPED',
        `default ${direction} tax code ${code} left off: ${t.issue.message}`,
        {code},
      )
  }
  if (!item.active)
    notes.decide('ARCHIVED_KEPT_ACTIVE', 'archived in the source; created active so its history loads')
  return adoptOrCreate(ctx, notes, item.id, name, p)
}

/** The Service item that stands for an income account on item-less sales lines. */
export function mapAccountItem(accountId: string, ctx: MappingContext): MapResult {
  const notes = new Notes()
  const sourceId = accountItemSourceId(accountId)
  const name = itemNames(ctx).get(sourceId) ?? accountId
  const income = accountField(ctx, notes, accountId, 'income account')
  notes.decide(
    'ACCOUNT_ITEM_CREATED',
    `Service item "${name}" carries sales lines that name only account ${accountId}`,
    {accountId},
  )
  return adoptOrCreate(ctx, notes, sourceId, name, {Name: name, Type: 'Service', IncomeAccountRef: income})
}

export function itemRefForLine(
  ctx: MappingContext,
  itemCode: string | undefined,
  accountId: string | undefined,
): Ref | undefined {
  if (usesAccountItem(ctx, itemCode, accountId)) return refTo(ctx, 'Item', accountItemSourceId(accountId!))
  const item = itemCode ? ctx.source.itemsByCode.get(itemCode) : undefined
  return item ? refTo(ctx, 'Item', item.id) : undefined
}
