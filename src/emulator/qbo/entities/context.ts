import {dec, type Dec} from '../../../domain/money.js'
import {faults} from '../faults.js'
import type {Json, Store} from '../store.js'

/** What a write needs besides its body: the state, the clock, and the batch it runs in (if any). */
export interface WriteContext {
  store: Store
  nowMs: number
  /** `Entity:Id` keys created earlier in the same batch: invisible to sibling items, as in QBO. */
  hidden: Set<string>
  allowDuplicateDocNum: boolean
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function str(obj: Json, field: string): string | undefined {
  const v = obj[field]
  if (v === undefined || v === null) return undefined
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  throw faults.invalidString(field, `Invalid String : ${field} must be a string`)
}

export function requireStr(obj: Json, field: string, element = field): string {
  const v = str(obj, field)
  if (v === undefined || v.trim() === '') throw faults.required(element)
  return v
}

export function maxLen(obj: Json, field: string, max: number): void {
  const v = str(obj, field)
  if (v !== undefined && v.length > max) throw faults.stringLength(field, max, v.length)
}

/** A decimal from a JSON number or numeric string; QBO answers 2030-style faults for anything else. */
export function num(obj: Json, field: string): Dec | undefined {
  const v = obj[field]
  if (v === undefined || v === null || v === '') return undefined
  if (typeof v === 'number' && Number.isFinite(v)) return dec(v)
  if (typeof v === 'string' && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v.trim())) return dec(v.trim())
  throw faults.invalidNumber(field, String(v))
}

export function refValue(obj: Json, field: string): string | undefined {
  const ref = obj[field]
  if (ref === undefined || ref === null) return undefined
  if (isObject(ref) && (typeof ref.value === 'string' || typeof ref.value === 'number'))
    return String(ref.value)
  if (typeof ref === 'string') return ref
  throw faults.required(`${field}.value`)
}

/**
 * Resolves a reference to a live, active object of one of `entities`: QBO answers 2500 for an unknown id,
 * an inactive object, or (in a batch) an object a sibling item created.
 */
export function resolveRef(
  ctx: WriteContext,
  obj: Json,
  field: string,
  entities: string[],
  required = false,
): Json | undefined {
  const id = refValue(obj, field)
  if (id === undefined) {
    if (required) throw faults.required(field)
    return undefined
  }
  for (const entity of entities) {
    if (ctx.hidden.has(`${entity}:${id}`)) continue
    const target = ctx.store.get(entity, id)
    if (target && target.Active !== false) {
      obj[field] = nameOf(target) === undefined ? {value: id} : {value: id, name: nameOf(target)}
      return target
    }
  }
  throw faults.invalidReference(entities[0]!, id, field)
}

export function nameOf(obj: Json): string | undefined {
  const n = obj.FullyQualifiedName ?? obj.DisplayName ?? obj.Name
  return typeof n === 'string' ? n : undefined
}

export function lines(obj: Json): Json[] {
  const l = obj.Line
  if (l === undefined || l === null) return []
  if (!Array.isArray(l)) throw faults.invalidString('Line', 'Invalid String : Line must be an array')
  return l.map((x) => {
    if (!isObject(x)) throw faults.invalidString('Line', 'Invalid String : each Line must be an object')
    return {...x}
  })
}

export function detail(line: Json, name: string): Json {
  const d = line[name]
  if (d === undefined || d === null) return {}
  if (!isObject(d)) throw faults.required(name)
  return {...d}
}

export function accountOfType(account: Json, ...types: string[]): boolean {
  return types.includes(String(account.AccountType))
}

export function findAccount(store: Store, subType: string): Json {
  const a = store.list('Account').find((x) => x.AccountSubType === subType)
  if (!a) throw faults.business(`The company has no ${subType} account.`)
  return a
}
