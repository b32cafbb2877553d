/**
 * The seam for reports: the posting ledger (src/emulator/qbo/ledger/) builds TrialBalance, ProfitAndLoss,
 * BalanceSheet and the aged reports from a read-only view of the company and is injected at start-up.
 */
export interface Book {
  companyInfo: Record<string, unknown>
  preferences: Record<string, unknown>
  /** Every stored entity of that type, as QBO JSON (with computed TotalAmt, TxnTaxDetail, Balance, Line[] …). */
  list(entity: string): Record<string, unknown>[]
}

/** Returns the report body (Header, Columns, Rows), or undefined for a report it does not know. */
export type ReportBuilder = (name: string, params: URLSearchParams, book: Book) => unknown | undefined
