/**
 * QBO entities as flat rows: nested objects become dotted columns (CustomerRef.value, MetaData.CreateTime),
 * arrays are numbered from 0 (Line.0.Amount, Line.1.SalesItemLineDetail.ItemRef.name). Columns keep the
 * order in which they first appear, with Id first.
 */
export type FlatValue = string | number | boolean

export interface FlatTable {
  columns: string[]
  rows: Record<string, FlatValue>[]
}

export function flattenEntity(
  value: unknown,
  prefix = '',
  out: Record<string, FlatValue> = {},
): Record<string, FlatValue> {
  if (value === null || value === undefined) return out
  if (Array.isArray(value)) {
    value.forEach((v, i) => flattenEntity(v, prefix ? `${prefix}.${i}` : String(i), out))
    return out
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      flattenEntity(v, prefix ? `${prefix}.${k}` : k, out)
    return out
  }
  // Kept as sent: a JSON number stays a number, so the xlsx holds it as one and the CSV prints it as sent.
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    out[prefix] = value
  return out
}

export function flattenAll(entities: readonly unknown[], fields?: readonly string[]): FlatTable {
  const columns: string[] = []
  const known = new Set<string>()
  const rows = entities.map((e) => {
    const flat = flattenEntity(e)
    const row: Record<string, FlatValue> = {}
    for (const [k, v] of Object.entries(flat)) {
      if (fields && !fields.some((f) => selects(f, k))) continue
      row[k] = v
      if (!known.has(k)) {
        known.add(k)
        columns.push(k)
      }
    }
    return row
  })
  const idFirst = columns.includes('Id') ? ['Id', ...columns.filter((c) => c !== 'Id')] : columns
  return {columns: idFirst, rows}
}

/** A selected field covers itself and everything under it (Line selects Line.0.Amount), ignoring case. */
function selects(field: string, column: string): boolean {
  const f = field.toLowerCase()
  const c = column.toLowerCase()
  return c === f || c.startsWith(`${f}.`)
}
