import type {Dec} from '../../../domain/money.js'

/**
 * What the HTTP side hands the report builder: the company's stored entities, exactly as QBO returns them
 * (computed TotalAmt, TxnTaxDetail, Balance, LinkedTxn, CurrencyRef, ExchangeRate …).
 * The same shape is declared in src/emulator/qbo/report-builder.ts; the two are reconciled at merge.
 */
export interface Book {
  companyInfo: Record<string, unknown>
  preferences: Record<string, unknown>
  list(entity: string): Record<string, unknown>[]
}

/** Returns QBO's report JSON, or undefined when the report name is unknown. */
export type ReportBuilder = (name: string, params: URLSearchParams, book: Book) => unknown | undefined

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
