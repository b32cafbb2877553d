import type {QboDoc, SourceDoc} from './docs.js'

/** Finds the QBO id the loader gave a source record (the id map, per realm). */
export type IdLookup = (entity: string, sourceSystem: string, sourceId: string) => string | undefined

export const normalName = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase()

/**
 * Decides whether a QBO transaction's customer or vendor is the source document's contact: by id through the
 * id map when the contact was loaded by the tool, otherwise by name (the ref's name or the list's DisplayName),
 * which is how a backfilled company's contacts line up.
 */
export class ContactResolver {
  constructor(
    private readonly lookup: IdLookup,
    /** Customer and Vendor DisplayNames by `Customer:<Id>` / `Vendor:<Id>`. */
    private readonly names: ReadonlyMap<string, string>,
  ) {}

  qboIdOf(source: SourceDoc): string | undefined {
    if (!source.contactId || !source.contactEntity) return undefined
    return this.lookup(source.contactEntity, source.sourceSystem, source.contactId)
  }

  qboNameOf(qbo: QboDoc): string | undefined {
    return (
      qbo.contactName ?? (qbo.contactId ? this.names.get(`${qbo.contactList}:${qbo.contactId}`) : undefined)
    )
  }

  /** undefined when the source document has no contact to compare. */
  agrees(source: SourceDoc, qbo: QboDoc): boolean | undefined {
    if (!source.contactId && !source.contactName) return undefined
    const mapped = this.qboIdOf(source)
    if (mapped !== undefined && qbo.contactId !== undefined) return mapped === qbo.contactId
    const qboName = this.qboNameOf(qbo)
    if (!source.contactName || !qboName) return false
    return normalName(source.contactName) === normalName(qboName)
  }
}
