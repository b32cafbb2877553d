import type {Logger} from '../ui/logger.js'
import {type MatchedEntity, MATCHED_ENTITIES, type QboDoc} from './docs.js'
import type {QboReadPort} from './port.js'
import {contactKey, contactName, toQboDoc} from './qbo-docs.js'

/** QBO answers `Id IN (...)` for a bounded list; 100 keeps the statement short. */
const IDS_PER_QUERY = 100

export interface QboSide {
  docs: Map<MatchedEntity, Map<string, QboDoc>>
  /** Customer and Vendor DisplayNames by `Customer:<Id>` / `Vendor:<Id>`. */
  contactNames: Map<string, string>
  unreadable: {entity: string; id: string; problem: string}[]
}

/**
 * Reads what reconciliation needs from QBO: contact names, every transaction of the matched entities in the
 * source's date window (QBO cannot filter on PrivateNote, so the marker index is built from this pull), and
 * then by Id any record the id map names that the window missed (its date was changed in QBO).
 */
export async function pullQbo(
  port: QboReadPort,
  window: {from: string; to: string} | undefined,
  idMapped: (entity: MatchedEntity) => string[],
  logger: Logger,
): Promise<QboSide> {
  const side: QboSide = {docs: new Map(), contactNames: new Map(), unreadable: []}
  for (const list of ['Customer', 'Vendor'] as const) {
    for await (const page of port.pages(list)) {
      for (const raw of page) {
        const c = contactName(list, raw)
        if (c) side.contactNames.set(c.key, c.name)
      }
    }
  }
  for (const entity of MATCHED_ENTITIES) {
    const docs = new Map<string, QboDoc>()
    side.docs.set(entity, docs)
    const add = (page: readonly Record<string, unknown>[]) => {
      for (const raw of page) {
        const r = toQboDoc(entity, raw)
        if (r.ok) docs.set(r.doc.id, r.doc)
        else side.unreadable.push({entity, id: r.id, problem: r.problem})
      }
    }
    if (window)
      for await (const page of port.pages(entity, {txnDateFrom: window.from, txnDateTo: window.to})) add(page)
    const outside = idMapped(entity).filter((id) => !docs.has(id))
    for (let i = 0; i < outside.length; i += IDS_PER_QUERY) {
      for await (const page of port.pages(entity, {ids: outside.slice(i, i + IDS_PER_QUERY)})) add(page)
    }
    // Refs usually carry the name; when one does not, the list's DisplayName stands in for the workbook.
    for (const doc of docs.values()) {
      const name = doc.contactId && side.contactNames.get(contactKey(doc.contactList ?? '', doc.contactId))
      if (!doc.contactName && name) doc.contactName = name
    }
    logger.debug(`read ${docs.size} ${entity} records from QBO`)
  }
  return side
}
