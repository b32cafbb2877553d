/**
 * What a correction changes: the top-level fields of a payload whose value differs between what was loaded
 * and what the mapping gives now. Pure (the plan uses it). A document's lines are one field: QBO's sparse
 * update replaces the whole Line array, so a change to one line sends them all.
 */
import {isDeepStrictEqual} from 'node:util'

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

export function payloadChanges(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  return fields
    .filter((field) => !isDeepStrictEqual(before[field], after[field]))
    .map((field) => ({field, before: before[field], after: after[field]}))
}

/**
 * Fields QBO will not change on an existing record: a document's currency (it would revalue every line and
 * link) and an item's type. Such a correction replaces a document (delete, then create) and is refused for
 * a list record.
 */
export const NOT_EDITABLE: ReadonlySet<string> = new Set(['CurrencyRef', 'Type'])

/** A short, readable value for the preview and the result files. */
export function shown(value: unknown): string {
  if (value === undefined) return '(none)'
  if (value !== null && typeof value === 'object') {
    const ref = value as {value?: unknown; name?: unknown}
    if (typeof ref.value === 'string' && Object.keys(ref).every((k) => k === 'value' || k === 'name'))
      return ref.name ? `${String(ref.name)} (${ref.value})` : `id ${ref.value}`
    if (Array.isArray(value)) return `${value.length} lines`
  }
  return typeof value === 'string' ? value : JSON.stringify(value)
}
