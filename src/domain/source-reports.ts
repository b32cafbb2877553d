/**
 * The source's own reports, as the accountant exported them (Xero or MYOB): a trial balance and the aged
 * receivables / payables summaries at a date. They are the independent side of the reconciliation (never
 * derived from the staged records or the mappers) and the figures a conversion-date migration opens with.
 * Amounts are in the source's home currency, 2 dp text, as in the canonical model.
 */
import {z} from 'zod'

import {Amount, IsoDate} from './canonical.js'

export const REPORT_KINDS = ['trialBalance', 'agedReceivables', 'agedPayables'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

export const REPORT_VENDORS = ['xero', 'myob'] as const
export type ReportVendor = (typeof REPORT_VENDORS)[number]

const reportFields = {
  vendor: z.enum(REPORT_VENDORS),
  /** The report's title line as exported ("Trial Balance", "Aged Receivables Summary"). */
  title: z.string().min(1),
  organisation: z.string().optional(),
  asAt: IsoDate,
  /** What the report says about its basis ("Accrual", "Ageing by due date"), when it says anything. */
  basis: z.string().optional(),
}

export const TrialBalanceRow = z.object({
  /** The account cell as printed: "Sales (200)", "1-1110 Business Bank Account". */
  label: z.string().min(1),
  code: z.string().optional(),
  name: z.string().min(1),
  /** The section the report lists it under (Revenue, Expenses, Assets, Liabilities, Equity), if any. */
  section: z.string().optional(),
  /**
   * Debit-positive balance at the as-at date: balance-sheet accounts from the beginning, income and expense
   * accounts for the fiscal year to date (Xero's YTD columns).
   */
  balance: Amount,
  /** Debit-positive movement in the month of the report (Xero's Debit / Credit columns), when shown. */
  month: Amount.optional(),
})
export type TrialBalanceRow = z.infer<typeof TrialBalanceRow>

export const SourceTrialBalance = z.object({
  kind: z.literal('trialBalance'),
  ...reportFields,
  rows: z.array(TrialBalanceRow),
})
export type SourceTrialBalance = z.infer<typeof SourceTrialBalance>

export const AgedRow = z.object({
  contact: z.string().min(1),
  /** One amount per bucket, in the report's order (see `buckets`). */
  buckets: z.array(Amount),
  total: Amount,
})
export type AgedRow = z.infer<typeof AgedRow>

export const SourceAgedSummary = z.object({
  kind: z.enum(['agedReceivables', 'agedPayables']),
  ...reportFields,
  /** The bucket titles as the report prints them ("Current", "< 1 Month", "0-30", "31-60" ...). */
  buckets: z.array(z.string()),
  rows: z.array(AgedRow),
})
export type SourceAgedSummary = z.infer<typeof SourceAgedSummary>

export const SourceReport = z.discriminatedUnion('kind', [SourceTrialBalance, SourceAgedSummary])
export type SourceReport = z.infer<typeof SourceReport>

export function parseSourceReport(value: unknown): SourceReport {
  return SourceReport.parse(value)
}

/** What a person calls each kind. */
export const REPORT_NAMES: Record<ReportKind, string> = {
  trialBalance: 'Trial Balance',
  agedReceivables: 'Aged Receivables Summary',
  agedPayables: 'Aged Payables Summary',
}
