import type {QboEntity} from '../domain/entities.js'

/** Which records of an entity to read: a TxnDate window (transactions), or exact Ids. Omit for all. */
export type ReadFilter = {txnDateFrom?: string; txnDateTo?: string} | {ids: readonly string[]}

/**
 * The reconciler's view of QBO: the QBO client implements it (src/qbo/), tests pass a fake. Records come
 * page by page (QBO pages at 1000) so a company of 100,000 invoices is never held raw in memory: the
 * reconciler keeps only the few fields it compares.
 */
export interface QboReadPort {
  readonly realmId: string
  /**
   * Every record of an entity matching the filter, paged to the end. A page that fails must throw (after the
   * client's own retries): a silently short read would report real records as missing.
   */
  pages(entity: QboEntity, filter?: ReadFilter): AsyncIterable<readonly Record<string, unknown>[]>
  /** A QBO report (`GET /reports/<name>`) as QBO returns it (JSON, amounts as strings). */
  report(name: string, params: Record<string, string>): Promise<unknown>
}
