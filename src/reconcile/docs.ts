import type {QboEntity} from '../domain/entities.js'
import type {SourceSystem} from '../domain/ids.js'

/** The QBO transaction entities the reconciler matches, in the order the workbook shows them. */
export const MATCHED_ENTITIES = [
  'Invoice',
  'CreditMemo',
  'Bill',
  'VendorCredit',
  'Payment',
  'BillPayment',
  'JournalEntry',
  'Purchase',
  'Deposit',
  'Transfer',
] as const satisfies readonly QboEntity[]

export type MatchedEntity = (typeof MATCHED_ENTITIES)[number]

/** The fields of a staged source document the reconciler compares; amounts are 2-dp decimal strings. */
export interface SourceDoc {
  entity: MatchedEntity
  kind: string
  sourceSystem: SourceSystem
  sourceId: string
  /** Numbers QBO may carry as DocNumber (number, reference), first one shown. */
  numbers: string[]
  date: string
  contactId?: string
  contactName?: string
  /** Which QBO list the contact maps to. */
  contactEntity?: 'Customer' | 'Vendor'
  total: string
  /** Undefined where the entity carries no tax (payments, transfers, journals). */
  tax?: string
  lineCount: number
  /** Lines that carry tax: the per-document rounding allowance scales with them. */
  taxedLines: number
  /** Open balance as the source states it (amountDue) or as its allocations imply. */
  balance?: string
}

/** The same fields read from a QBO record. */
export interface QboDoc {
  entity: MatchedEntity
  id: string
  docNumber?: string
  date: string
  contactId?: string
  /** Customer or Vendor: which list contactId belongs to. */
  contactList?: string
  contactName?: string
  total: string
  tax?: string
  lineCount: number
  balance?: string
  marker?: {system: SourceSystem; sourceId: string}
}

export type MatchMethod = 'idMap' | 'marker' | 'heuristic'

export interface FieldDifference {
  field: 'total' | 'tax' | 'date' | 'contact' | 'lineCount' | 'balance'
  source: string
  qbo: string
  /** QBO minus source, for amounts and counts. */
  difference?: string
  /** True when the difference is inside the tolerance policy (noted, not a failure). */
  withinTolerance: boolean
}

export interface MatchedPair {
  source: SourceDoc
  qbo: QboDoc
  method: MatchMethod
  differences: FieldDifference[]
  status: 'matched' | 'mismatched'
}
