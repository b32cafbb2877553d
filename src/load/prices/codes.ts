import {UserInputError} from '../../domain/errors.js'
import {normalizeHeader} from '../../domain/price-list.js'
import {codeKey, type ItemSnapshot} from '../../mappers/price-list/index.js'
import {inTransaction, type Staging} from '../../staging/index.js'
import type {SupplierCode} from '../../staging/prices.js'
import {type PriceFile, readSheets} from '../../sources/price-list/index.js'
import type {PricesQbo} from './qbo.js'

export interface CodesDeps {
  staging: Staging
  qbo: PricesQbo
}

/** The supplier-code ↔ item table of one supplier (or every supplier) for this company. */
export function listCodes(
  deps: Pick<CodesDeps, 'staging'> & {realmId: string},
  supplier?: string,
): SupplierCode[] {
  return deps.staging.prices.codes(deps.realmId, supplier)
}

/**
 * The item a reference names: its QBO Id, else its SKU, else its name (ignoring case; a sub-item by its full
 * name "Parent:Child"). A reference that names several items is refused rather than guessed.
 */
export function findItem(items: readonly ItemSnapshot[], ref: string): ItemSnapshot | {error: string} {
  const key = codeKey(ref)
  const byId = items.find((i) => i.id === ref.trim())
  if (byId) return byId
  for (const [what, hits] of [
    ['SKU', items.filter((i) => i.sku !== null && codeKey(i.sku) === key)],
    ['name', items.filter((i) => codeKey(i.name) === key)],
  ] as const) {
    if (hits.length === 1) return hits[0]!
    if (hits.length > 1) return {error: `${hits.length} items have the ${what} “${ref}”`}
  }
  return {error: `no item has the Id, SKU or name “${ref}”`}
}

/** Links a supplier's code to an item (a new link replaces the old one for that code). */
export async function setCode(
  deps: CodesDeps,
  input: {supplier: string; code: string; item: string; origin: string},
): Promise<SupplierCode> {
  const code = codeKey(input.code)
  if (code === '')
    throw new UserInputError('The supplier code is empty.', {
      next: 'Give the code as the price list writes it.',
    })
  const found = findItem(await deps.qbo.items(), input.item)
  if ('error' in found)
    throw new UserInputError(`Cannot link ${input.code}: ${found.error}.`, {
      next: 'Give the item’s QBO Id, SKU or exact name.',
    })
  const entry = {
    realmId: deps.qbo.realmId,
    supplier: input.supplier.trim(),
    code,
    itemId: found.id,
    itemName: found.name,
    origin: input.origin,
  }
  deps.staging.prices.setCode(entry)
  return deps.staging.prices.codes(deps.qbo.realmId, entry.supplier).find((c) => c.code === code)!
}

export function deleteCode(
  deps: Pick<CodesDeps, 'staging'> & {realmId: string},
  supplier: string,
  code: string,
): void {
  if (!deps.staging.prices.deleteCode(deps.realmId, supplier.trim(), codeKey(code)))
    throw new UserInputError(`${supplier} has no code ${code} in the table.`, {
      next: 'Run `qbo prices codes --supplier NAME` to list them.',
    })
}

export interface CodesImport {
  supplier: string
  linked: number
  unresolved: {row: number; code: string; item: string; reason: string}[]
}

const CODE_HEADERS = ['supplier code', 'code', 'supplier item code', 'supp item code']
const ITEM_HEADERS = ['item', 'qbo item', 'item id', 'sku', 'item name', 'product', 'name']

/**
 * Imports a CSV or XLSX of supplier code → item: a column named "Supplier code" (or "Code") and one naming
 * the item ("Item", "SKU", "Item name" or "Item id": an Id, SKU or name, as `findItem`). Rows whose item
 * cannot be found are listed, not stored; the others are stored together.
 */
export async function importCodes(
  deps: CodesDeps,
  input: {supplier: string; file: PriceFile; origin: string},
): Promise<CodesImport> {
  const sheets = await readSheets(input.file.name, input.file.bytes)
  const rows = sheets[0]?.rows ?? []
  const headerAt = rows.findIndex((r) => colOf(r, CODE_HEADERS) >= 0 && colOf(r, ITEM_HEADERS) >= 0)
  if (headerAt < 0)
    throw new UserInputError(
      `${input.file.name}: no header with a "Supplier code" and an "Item" (or "SKU") column.`,
      {
        next: 'Give the file a header row such as: Supplier code,SKU',
        data: {file: input.file.name},
      },
    )
  const codeAt = colOf(rows[headerAt]!, CODE_HEADERS)
  const itemAt = colOf(rows[headerAt]!, ITEM_HEADERS)
  const items = await deps.qbo.items()
  const result: CodesImport = {supplier: input.supplier.trim(), linked: 0, unresolved: []}
  const links: Omit<SupplierCode, 'updatedAt'>[] = []
  for (let i = headerAt + 1; i < rows.length; i++) {
    const code = (rows[i]?.[codeAt] ?? '').trim()
    const ref = (rows[i]?.[itemAt] ?? '').trim()
    if (code === '' && ref === '') continue
    const found = code === '' || ref === '' ? {error: 'the code or the item is empty'} : findItem(items, ref)
    if ('error' in found) {
      result.unresolved.push({row: i + 1, code, item: ref, reason: found.error})
      continue
    }
    links.push({
      realmId: deps.qbo.realmId,
      supplier: result.supplier,
      code: codeKey(code),
      itemId: found.id,
      itemName: found.name,
      origin: input.origin,
    })
  }
  inTransaction(deps.staging.db, () => {
    for (const l of links) deps.staging.prices.setCode(l)
  })
  result.linked = links.length
  return result
}

function colOf(row: readonly string[], names: readonly string[]): number {
  for (const n of names) {
    const at = row.findIndex((h) => h !== undefined && normalizeHeader(h) === n)
    if (at >= 0) return at
  }
  return -1
}
