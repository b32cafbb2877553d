import type {Dec} from '../../../domain/money.js'

// The HTTP side's read-only view of the company and the builder's signature are declared once, beside the router.
export type {Book, ReportBuilder} from '../report-builder.js'

/** The transaction a posting came from. */
export interface TxnRef {
  type: string
  id: string
  docNumber?: string
}

/** The customer, vendor or employee a posting belongs to (AR and AP lines always carry one). */
export interface EntityRef {
  type: string
  id: string
}

/** One balanced ledger line in home currency; exactly one of debit and credit is non-zero. */
export interface Posting {
  date: string
  accountId: string
  debit: Dec
  credit: Dec
  txn: TxnRef
  entity?: EntityRef
}
