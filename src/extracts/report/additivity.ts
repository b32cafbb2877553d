/**
 * Which reports can be fetched in date-range parts and joined back. Only a report whose every figure is a
 * flow over the period (a sum of transactions dated in it) is additive over time: the figure for January to
 * June is January-March plus April-June. Balances as of a date (BalanceSheet, TrialBalance, the aged and
 * balance reports) and CashFlow (it opens and closes with cash balances) are not; they are refused rather
 * than joined into wrong numbers.
 *
 * - `sum`: rows are matched by section path and label across the parts and their amounts added.
 * - `append`: transaction rows are listed once each (each falls in exactly one part), section subtotals
 *   added, a GeneralLedger "Beginning Balance" row kept from the earliest part, running balances taken
 *   from the latest part.
 */
export type JoinPolicy = 'sum' | 'append'

const POLICIES: Record<string, JoinPolicy> = {
  ProfitAndLoss: 'sum',
  CustomerSales: 'sum',
  CustomerIncome: 'sum',
  ItemSales: 'sum',
  DepartmentSales: 'sum',
  ClassSales: 'sum',
  VendorExpenses: 'sum',
  ProfitAndLossDetail: 'append',
  GeneralLedger: 'append',
  TransactionList: 'append',
  TransactionListWithSplits: 'append',
  TransactionListByCustomer: 'append',
  TransactionListByVendor: 'append',
  JournalReport: 'append',
}

export const POINT_IN_TIME = [
  'BalanceSheet',
  'TrialBalance',
  'AgedReceivables',
  'AgedReceivableDetail',
  'AgedPayables',
  'AgedPayableDetail',
  'CustomerBalance',
  'CustomerBalanceDetail',
  'VendorBalance',
  'VendorBalanceDetail',
  'AccountList',
  'InventoryValuationSummary',
  'InventoryValuationDetail',
  'CashFlow',
]

export function joinPolicy(report: string): JoinPolicy | undefined {
  return POLICIES[report]
}

export const JOINABLE_REPORTS = Object.keys(POLICIES)

/**
 * summarize_column_by values whose columns stay whole when the range is cut on their boundaries. Quarter
 * and Year columns follow the fiscal calendar in ways not confirmed, so a split is refused for them.
 */
export type SplitUnit = 'day' | 'week' | 'month'

export function splitUnit(summarizeBy: string | undefined): SplitUnit | undefined {
  const by = (summarizeBy ?? 'Total').toLowerCase()
  if (by === 'month') return 'month'
  if (by === 'week') return 'week'
  if (by === 'quarter' || by === 'year') return undefined
  // Total, Days and the non-time groupings (Customers, Classes …) keep their columns across any cut.
  return 'day'
}
