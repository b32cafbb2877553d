import {D, type Dec} from '../../../domain/money.js'

/**
 * Accessors for QBO JSON. The entities were validated by the store when they were written, so the ledger
 * reads them defensively (a missing field is undefined or zero) instead of re-validating every shape.
 */
export type Json = Record<string, unknown>

export function isObj(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function at(value: unknown, ...path: string[]): unknown {
  let current: unknown = value
  for (const key of path) {
    if (!isObj(current)) return undefined
    current = current[key]
  }
  return current
}

export function str(value: unknown, ...path: string[]): string | undefined {
  const found = at(value, ...path)
  if (typeof found === 'string') return found
  if (typeof found === 'number' && Number.isFinite(found)) return String(found)
  return undefined
}

/** The `value` of a reference such as CustomerRef: {"value": "58", "name": "..."}. */
export function refId(value: unknown, ...path: string[]): string | undefined {
  return str(value, ...path, 'value')
}

/** A decimal from a JSON number or numeric string; absent or malformed values read as zero. */
export function amount(value: unknown, ...path: string[]): Dec {
  const found = at(value, ...path)
  if (typeof found === 'number' && Number.isFinite(found)) return new D(found)
  if (typeof found === 'string' && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(found.trim())) return new D(found.trim())
  return new D(0)
}

export function has(value: unknown, ...path: string[]): boolean {
  const found = at(value, ...path)
  return found !== undefined && found !== null && found !== ''
}

export function list(value: unknown, ...path: string[]): Json[] {
  const found = at(value, ...path)
  if (Array.isArray(found)) return found.filter(isObj)
  return isObj(found) ? [found] : []
}
