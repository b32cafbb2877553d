/**
 * Where a purchase order's tag and ship date live in QBO, and the sparse update that sets them. Pure.
 *
 * QBO's Accounting API has no tags and PurchaseOrder has no ShipDate (integrations.md §3.1, §3.3), so:
 * - the tag goes into a PO custom field named in settings (`po.tag-field`), or else into the first line of
 *   PrivateNote as `Tags: a, b` (PrivateNote is not printed on the PO nor sent to the vendor);
 * - the ship date goes into DueDate (documented, filterable), or a PO custom field named in settings.
 * A purchase order may carry several tags; adding one keeps the others.
 */
export interface CustomFieldDef {
  definitionId: string
  name: string
}

export interface PoStorage {
  tagField?: CustomFieldDef
  shipDateField?: CustomFieldDef
}

/** What a batch asks for; `emailTo` when QBO will email it (see emailStatusReset). */
export interface PoWant {
  tag?: string
  shipDate?: string
  emailTo?: string
}

export type Po = Record<string, unknown>

export const TAG_LINE = 'Tags: '
/** The commonly cited limit of a QBO custom field's StringValue (UNCONFIRMED, integrations.md §2.1). */
export const CUSTOM_FIELD_MAX = 31
const PRIVATE_NOTE_MAX = 4000

interface CustomFieldValue {
  DefinitionId: string
  Name?: string
  Type?: string
  StringValue?: string
}

export function customFields(po: Po): CustomFieldValue[] {
  const list = Array.isArray(po.CustomField) ? (po.CustomField as unknown[]) : []
  return list.flatMap((e) => {
    if (typeof e !== 'object' || e === null) return []
    const f = e as Record<string, unknown>
    if (f.DefinitionId === undefined || f.DefinitionId === null) return []
    return [
      {
        DefinitionId: String(f.DefinitionId as string),
        ...(typeof f.Name === 'string' ? {Name: f.Name} : {}),
        ...(typeof f.Type === 'string' ? {Type: f.Type} : {}),
        ...(typeof f.StringValue === 'string' ? {StringValue: f.StringValue} : {}),
      },
    ]
  })
}

function fieldValue(po: Po, def: CustomFieldDef): string | undefined {
  return customFields(po).find((f) => f.DefinitionId === def.definitionId)?.StringValue
}

export function splitTags(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
}

function firstLine(note: string): string {
  return note.split(/\r?\n/, 1)[0] ?? ''
}

export function readTags(po: Po, storage: PoStorage): string[] {
  if (storage.tagField) return splitTags(fieldValue(po, storage.tagField))
  const note = typeof po.PrivateNote === 'string' ? po.PrivateNote : ''
  const line = firstLine(note)
  return line.startsWith(TAG_LINE) ? splitTags(line.slice(TAG_LINE.length)) : []
}

export function hasTag(po: Po, storage: PoStorage, tag: string): boolean {
  const t = tag.toLowerCase()
  return readTags(po, storage).some((x) => x.toLowerCase() === t)
}

export function readShipDate(po: Po, storage: PoStorage): string | undefined {
  if (storage.shipDateField) return fieldValue(po, storage.shipDateField)
  return typeof po.DueDate === 'string' ? po.DueDate : undefined
}

/** PrivateNote with the tag added to its `Tags:` first line (created when absent); the rest untouched. */
export function noteWithTag(note: string, tag: string): string {
  const line = firstLine(note)
  if (line.startsWith(TAG_LINE)) {
    const tags = splitTags(line.slice(TAG_LINE.length))
    if (tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return note
    return `${TAG_LINE}${[...tags, tag].join(', ')}${note.slice(line.length)}`
  }
  return note ? `${TAG_LINE}${tag}\n${note}` : `${TAG_LINE}${tag}`
}

export type PoChange =
  | {kind: 'unchanged'}
  | {kind: 'change'; fields: Record<string, unknown>; describe: string[]}
  | {kind: 'refused'; reason: string}

/**
 * The fields of one sparse update that give the purchase order what the batch wants, or 'unchanged'. The
 * whole CustomField list is sent (whether QBO merges or replaces it is UNCONFIRMED, so either works).
 */
export function planPoChange(po: Po, want: PoWant, storage: PoStorage): PoChange {
  const fields: Record<string, unknown> = {}
  const describe: string[] = []
  const custom = new Map(customFields(po).map((f) => [f.DefinitionId, {...f}]))
  let customChanged = false
  const setCustom = (def: CustomFieldDef, value: string): string | undefined => {
    if (value.length > CUSTOM_FIELD_MAX)
      return `"${value}" is longer than ${CUSTOM_FIELD_MAX} characters, the commonly cited limit of a QBO custom field`
    const current = custom.get(def.definitionId)
    if (current?.StringValue === value) return undefined
    custom.set(def.definitionId, {
      DefinitionId: def.definitionId,
      Name: def.name,
      Type: 'StringType',
      StringValue: value,
    })
    customChanged = true
    return undefined
  }
  if (want.tag !== undefined && !hasTag(po, storage, want.tag)) {
    if (storage.tagField) {
      const value = [...readTags(po, storage), want.tag].join(', ')
      const refused = setCustom(storage.tagField, value)
      if (refused) return {kind: 'refused', reason: `tag field ${storage.tagField.name}: ${refused}`}
    } else {
      const note = noteWithTag(typeof po.PrivateNote === 'string' ? po.PrivateNote : '', want.tag)
      if (note.length > PRIVATE_NOTE_MAX)
        return {kind: 'refused', reason: `PrivateNote would pass QBO's ${PRIVATE_NOTE_MAX} characters`}
      fields.PrivateNote = note
    }
    describe.push(`tag +${want.tag}`)
  }
  if (want.shipDate !== undefined && readShipDate(po, storage) !== want.shipDate) {
    if (storage.shipDateField) {
      const refused = setCustom(storage.shipDateField, want.shipDate)
      if (refused) return {kind: 'refused', reason: refused}
    } else fields.DueDate = want.shipDate
    describe.push(`ship date ${readShipDate(po, storage) ?? '(none)'} → ${want.shipDate}`)
  }
  if (customChanged) {
    fields.CustomField = [...custom.values()].sort((a, b) => Number(a.DefinitionId) - Number(b.DefinitionId))
  }
  Object.assign(fields, emailStatusReset(po, want))
  if (Object.keys(fields).length === 0) return {kind: 'unchanged'}
  if (fields.EmailStatus) describe.push('EmailStatus → NeedToSend')
  return {kind: 'change', fields, describe}
}

/**
 * A purchase order QBO already shows as emailed is set back to NeedToSend before the batch emails it, so
 * that afterwards EmailStatus alone tells whether the batch's send went (load/outbox/action.ts judgeSent).
 */
export function emailStatusReset(po: Po, want: PoWant): Record<string, unknown> {
  if (!want.emailTo || po.EmailStatus !== 'EmailSent') return {}
  return {EmailStatus: 'NeedToSend', POEmail: {Address: want.emailTo}}
}

/**
 * After a stale-object answer (5010): someone else changed the ship date since the batch read the purchase
 * order, to a value other than the batch's. The tag merges (it is added to what is there), so only the ship
 * date can conflict.
 */
export function shipDateConflict(read: Po, fresh: Po, want: PoWant, storage: PoStorage): boolean {
  if (want.shipDate === undefined) return false
  const before = readShipDate(read, storage)
  const now = readShipDate(fresh, storage)
  return now !== before && now !== want.shipDate
}
