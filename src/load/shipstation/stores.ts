import {UsageError} from '../../domain/errors.js'
import type {StoreInfo} from '../../sources/shipstation/index.js'
import type {StoreMapping} from '../../staging/shipstation.js'
import type {SyncResult} from './result.js'

/** The mapped stores to read: all of them, or those given (each must exist in ShipStation and be mapped). */
export function selectStores(
  remote: readonly StoreInfo[],
  mappings: readonly StoreMapping[],
  wanted: readonly string[] | undefined,
  result: SyncResult,
): StoreMapping[] {
  const mapped = new Map(mappings.map((m) => [m.storeId, m]))
  result.unmappedStores = remote
    .filter((r) => r.active && !mapped.has(r.storeId))
    .map((r) => ({storeId: r.storeId, name: r.name}))
  const names = new Map(remote.map((r) => [r.storeId, r.name]))
  const ids = wanted && wanted.length > 0 ? [...new Set(wanted)] : mappings.map((m) => m.storeId)
  const missing = ids.filter((id) => !mapped.has(id))
  if (missing.length > 0) {
    throw new UsageError(`ShipStation store ${missing.join(', ')} has no mapping to QBO invoices.`, {
      next: 'Map it first, e.g. `qbo sync shipstation map STORE_ID --by prefix --value S1-` (`qbo sync shipstation stores` lists the stores).',
    })
  }
  return ids.map((id) => ({
    ...mapped.get(id)!,
    storeName: mapped.get(id)!.storeName ?? names.get(id) ?? null,
  }))
}
