import type {ExistingRecord, QboWritePort} from '../port.js'
import type {Probe} from './write.js'

export type ProbeResult = {landed: true; record: ExistingRecord; duplicates: string[]} | {landed: false}

/**
 * Looks in QBO for the effect of one write. Only meaningful once the write can no longer be in flight:
 * before that, "not found" may mean "not yet".
 */
export async function probeWrite(port: QboWritePort, entity: string, probe: Probe): Promise<ProbeResult> {
  switch (probe.kind) {
    case 'identity': {
      const found = [...(await port.findExisting(entity, probe.identity))].sort(byNumericId)
      const [first, ...rest] = found
      return first ? {landed: true, record: first, duplicates: rest.map((r) => r.id)} : {landed: false}
    }
    case 'fields': {
      const record = await port.readRecord(entity, probe.id)
      if (!record || !contains(record, probe.fields)) return {landed: false}
      return {landed: true, record: {id: probe.id, syncToken: String(record.SyncToken ?? '')}, duplicates: []}
    }
    case 'gone': {
      const record = await port.readRecord(entity, probe.id)
      // QBO never deletes a list record: deleting one makes it inactive.
      const gone = !record || record.Active === false
      return gone
        ? {landed: true, record: {id: probe.id, syncToken: String(record?.SyncToken ?? '')}, duplicates: []}
        : {landed: false}
    }
  }
}

function byNumericId(a: ExistingRecord, b: ExistingRecord): number {
  return Number(a.id) - Number(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

function isSubtotal(line: unknown): boolean {
  return (line as {DetailType?: unknown} | null)?.DetailType === 'SubTotalLineDetail'
}

function isReference(v: object): v is {value: string} {
  const r = v as Record<string, unknown>
  return (
    typeof r.value === 'string' && Object.keys(r).every((k) => k === 'value' || k === 'name' || k === 'type')
  )
}

/**
 * Whether QBO's record holds every value written. QBO answers with more than it was sent (a reference
 * gains its `name`, a record its MetaData), and numbers may come back as numbers where strings were sent.
 */
export function contains(actual: unknown, expected: unknown): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return false
    // QBO adds a subtotal line to a document's lines; it was never sent, so it is no difference.
    const lines = expected.some(isSubtotal) ? actual : actual.filter((a) => !isSubtotal(a))
    return lines.length === expected.length && expected.every((e, i) => contains(lines[i], e))
  }
  if (typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false
    const a = actual as Record<string, unknown>
    // A reference is its value: QBO adds the name, and drops the type of a Deposit line's Entity.
    if (isReference(expected)) return String(a.value) === expected.value
    return Object.entries(expected as Record<string, unknown>).every(([k, v]) => contains(a[k], v))
  }
  if (typeof expected === 'number' || typeof actual === 'number') {
    const x = Number(actual)
    const y = Number(expected)
    return Number.isFinite(x) && Number.isFinite(y) && x === y
  }
  return actual === expected
}
