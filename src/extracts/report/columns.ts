import type {Column} from './parse.js'

/** What a column holds, for number formats in xlsx and for joining parts of a split report. */
export type ColumnKind = 'text' | 'date' | 'money' | 'quantity' | 'percent' | 'average' | 'balance'

/**
 * Classifies a report column from its ColType, ColKey and title. QBO's ColType is "Money" on summary
 * reports, but detail reports put the column key there ("subt_nat_amount", "tax_amount"), so both are read.
 */
export function columnKind(c: Column): ColumnKind {
  const key = (c.key ?? c.type).toLowerCase()
  const title = c.title.toLowerCase()
  if (title.includes('%') || key.includes('pct') || key.includes('percent')) return 'percent'
  if (/\bavg\b|average/.test(title) || key.includes('avg')) return 'average'
  // A running balance (GeneralLedger "Balance", rbal_nat_amount) is a level, not a flow.
  if (key.startsWith('rbal_') || title === 'balance') return 'balance'
  if (/quantity|\bqty\b/.test(title) || key === 'quantity' || key === 'qty') return 'quantity'
  if (c.type === 'Money' || /(^|_)(amount|amt|bal|debit|credit|total)($|_)/.test(key) || key === 'debt_amt')
    return 'money'
  if (c.type === 'Date' || /(^|_)date$/.test(key) || key === 'tx_date') return 'date'
  return 'text'
}

/** The column's name in a table: nested titles joined ("Total / Quantity"), "Account" etc. for blank titles. */
export function columnName(c: Column, index: number): string {
  const own = c.title !== '' ? c.title : index === 0 ? blankFirstTitle(c.type) : `Column ${index + 1}`
  return [...c.parents.filter((p) => p !== ''), own].join(' / ')
}

function blankFirstTitle(type: string): string {
  // The first column of a summary report has no title; its ColType names what the rows are.
  const named: Record<string, string> = {
    Account: 'Account',
    Customer: 'Customer',
    Vendor: 'Vendor',
    Employee: 'Employee',
    ProductsAndService: 'Product/Service',
    Department: 'Department',
    Class: 'Class',
  }
  return named[type] ?? 'Name'
}

/** Identity of a column across the parts of a split report: title path and key, not its period metadata. */
export function columnIdentity(c: Column): string {
  return [...c.parents, c.title, c.key ?? c.type].join('\u001f')
}
