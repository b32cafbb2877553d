import type {Core} from './core.js'
import type {WriteContext} from './entities/context.js'
import type {EntityDef} from './entities/registry.js'
import {faults} from './faults.js'
import {createEntity, deleteEntity, updateEntity, voidEntity} from './operations.js'
import type {Json} from './store.js'

export type WriteOp = 'create' | 'update' | 'delete' | 'void'

/**
 * Which operation a POST is: `operation=delete|void`, `operation=update&include=void` (SalesReceipt,
 * BillPayment, Payment void), otherwise update when the body has an Id and create when it has none.
 */
export function writeOp(operation: string | null | undefined, include: string[], body: Json): WriteOp {
  const op = operation?.toLowerCase()
  if (op === 'delete') return 'delete'
  if (op === 'void' || (op === 'update' && include.includes('void'))) return 'void'
  if (op === 'update') return 'update'
  if (op === 'create' || op === undefined || op === '')
    return body.Id !== undefined && op !== 'create' ? 'update' : 'create'
  throw faults.unsupported(`Operation ${operation} is not supported.`)
}

/** One write, atomically (SQLite transaction when persisted); the result is the entity (or delete status). */
export function performWrite(
  core: Core,
  def: EntityDef,
  op: WriteOp,
  body: Json,
  include: string[],
  hidden: Set<string>,
): Json {
  const ctx: WriteContext = {
    store: core.store,
    nowMs: core.now(),
    hidden,
    allowDuplicateDocNum: include.includes('allowduplicatedocnum'),
  }
  const result = core.store.atomically(() => {
    switch (op) {
      case 'create':
        return createEntity(def, body, ctx)
      case 'update':
        return updateEntity(def, body, ctx)
      case 'delete':
        return deleteEntity(def, body, ctx)
      case 'void':
        return voidEntity(def, body, ctx)
    }
  })
  core.counters.writes++
  return result
}

export function includes(param: string | null): string[] {
  return (param ?? '')
    .toLowerCase()
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}
