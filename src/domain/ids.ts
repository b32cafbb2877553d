import {createHash} from 'node:crypto'

export const SOURCE_SYSTEMS = ['xero-csv', 'xero-api', 'myob'] as const
export type SourceSystem = (typeof SOURCE_SYSTEMS)[number]

export function isSourceSystem(name: string): name is SourceSystem {
  return (SOURCE_SYSTEMS as readonly string[]).includes(name)
}

/** JSON with object keys sorted, so equal content always gives equal text (and equal hashes). */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const obj = v as Record<string, unknown>
      return Object.fromEntries(
        Object.keys(obj)
          .sort()
          .map((k) => [k, obj[k]]),
      )
    }
    return v
  })
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Content hash of a canonical record or payload. */
export function contentHash(value: unknown): string {
  return sha256Hex(stableStringify(value))
}

/**
 * A deterministic QBO `requestid` from the parts that identify one logical write. QBO allows 50
 * characters, 36 inside a batch; this is 32 hex characters, so the same write always reuses the same id
 * on every retry and resume, and a different write never shares it.
 */
export function requestIdFor(...parts: readonly string[]): string {
  return sha256Hex(parts.join('\u001f')).slice(0, 32)
}

/** The marker written into PrivateNote so a QBO record can be matched to its source later. */
export function privateNoteMarker(system: SourceSystem, sourceId: string): string {
  return `qbo-toolkit:${system}:${sourceId}`
}

// The marker runs to the end of its line: source ids may hold spaces (a Xero CSV bill is keyed by contact,
// number and date), so the mappers write the marker on a line of its own.
const MARKER = /qbo-toolkit:(xero-csv|xero-api|myob):([^\r\n]+)/

export function parsePrivateNoteMarker(
  note: string | undefined,
): {system: SourceSystem; sourceId: string} | undefined {
  if (!note) return undefined
  const m = MARKER.exec(note)
  if (!m || !m[1] || !m[2]) return undefined
  return {system: m[1] as SourceSystem, sourceId: m[2].trimEnd()}
}
