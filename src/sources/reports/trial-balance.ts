import {D, type Dec, amountText} from '../../domain/money.js'
import {type ReportVendor, SourceTrialBalance, type TrialBalanceRow} from '../../domain/source-reports.js'
import {fileError} from '../files/errors.js'
import {reportAmount} from './amounts.js'
import type {Grid} from './cells.js'
import {columnOf} from './columns.js'
import type {ReportHead} from './titles.js'

const ACCOUNT = ['account', 'account name', 'name', 'description', 'account description']
const CODE = ['account code', 'code', 'account no', 'account number', 'acct no', 'account num', 'number']
const DEBIT = ['debit', 'debits', 'dr', 'debit balance']
const CREDIT = ['credit', 'credits', 'cr', 'credit balance']
const YTD_DEBIT = ['ytd debit', 'year to date debit', 'ytd dr', 'ytd debits']
const YTD_CREDIT = ['ytd credit', 'year to date credit', 'ytd cr', 'ytd credits']
const BALANCE = ['balance', 'ytd balance', 'closing balance', 'net balance']

/** MYOB account numbers: `1-1110` (sources.md §4, §7.3). */
const MYOB_NUMBER = /^(\d-\d{3,5})\s+(.+)$/
/** Xero's combined cell: `Sales (200)`, `Trash (TSH)`; a bank account without a code is its bare name. */
const XERO_NAME_CODE = /^(.+?)\s*\(([^()]{1,12})\)$/

function splitAccount(label: string, vendor: ReportVendor): {code?: string; name: string} {
  const myob = MYOB_NUMBER.exec(label)
  if (myob) return {code: myob[1]!, name: myob[2]!.trim()}
  const xero = vendor === 'xero' ? XERO_NAME_CODE.exec(label) : undefined
  if (xero) return {code: xero[2]!.trim(), name: xero[1]!.trim()}
  return {name: label}
}

interface Columns {
  account: number
  code: number
  debit: number
  credit: number
  ytdDebit: number
  ytdCredit: number
  balance: number
}

function findHeader(grid: Grid, from: number): {index: number; columns: Columns} | undefined {
  for (let i = from; i < Math.min(grid.rows.length, from + 10); i++) {
    const cells = grid.rows[i]!.cells
    const columns: Columns = {
      account: columnOf(cells, ACCOUNT),
      code: columnOf(cells, CODE),
      debit: columnOf(cells, DEBIT),
      credit: columnOf(cells, CREDIT),
      ytdDebit: columnOf(cells, YTD_DEBIT),
      ytdCredit: columnOf(cells, YTD_CREDIT),
      balance: columnOf(cells, BALANCE),
    }
    const amounts =
      (columns.debit >= 0 && columns.credit >= 0) ||
      (columns.ytdDebit >= 0 && columns.ytdCredit >= 0) ||
      columns.balance >= 0
    if (!amounts) continue
    // A header with no account title (Xero's first header cell may be blank) reads the first column.
    if (columns.account < 0 && columns.code < 0) columns.account = 0
    return {index: i, columns}
  }
  return undefined
}

/**
 * A trial balance export (sources.md §7.1 Xero, §7.3 MYOB): title rows, then a header row found by its
 * labels, then section titles, account rows and totals. Xero: `Account | Debit | Credit | YTD Debit |
 * YTD Credit` with the account as `Name (Code)`, the month of the report in Debit/Credit and the balance in
 * the YTD pair; the new style splits `Account Code | Account Name | Account Type`. A report with one
 * Debit/Credit pair (MYOB) holds balances. Totals are never trusted (Xero's Excel formulas may cache 0.00):
 * rows are summed instead, and a trial balance that does not balance is reported.
 */
export function parseTrialBalance(
  grid: Grid,
  head: ReportHead & {asAt: string},
  vendor: ReportVendor,
): {report: SourceTrialBalance; warnings: string[]} {
  const found = findHeader(grid, head.bodyFrom)
  if (!found) {
    const line = grid.rows[head.bodyFrom]?.line ?? 1
    throw fileError(
      {file: grid.path, line},
      'no column header with Debit and Credit (or YTD Debit and YTD Credit) under the title rows',
      'Export the Trial Balance again from the source (Excel or CSV) without editing its columns.',
    )
  }
  const {columns: c} = found
  const header = grid.rows[found.index]!.cells
  const ytd = c.ytdDebit >= 0 && c.ytdCredit >= 0
  const pair = c.debit >= 0 && c.credit >= 0
  const rows: TrialBalanceRow[] = []
  let section: string | undefined
  let sum = new D(0)
  for (const {line, cells} of grid.rows.slice(found.index + 1)) {
    const at = (i: number) => (i >= 0 ? (cells[i] ?? '') : '')
    const codeCell = at(c.code)
    const nameCell = at(c.account)
    const label = [codeCell, nameCell].filter(Boolean).join(' ').trim()
    if (label === '') continue
    const amount = (i: number): Dec => {
      const v = reportAmount(at(i))
      if (!v) {
        throw fileError(
          {file: grid.path, line, column: header[i] || `#${i + 1}`},
          `"${at(i)}" is not an amount`,
        )
      }
      return v
    }
    const used = [c.debit, c.credit, c.ytdDebit, c.ytdCredit, c.balance].filter((i) => i >= 0)
    if (/^total\b/i.test(label) || /^(grand )?total\b/i.test(nameCell)) continue
    if (used.every((i) => at(i) === '')) {
      section = label
      continue
    }
    const balance = ytd
      ? amount(c.ytdDebit).minus(amount(c.ytdCredit))
      : pair
        ? amount(c.debit).minus(amount(c.credit))
        : amount(c.balance)
    const month = ytd && pair ? amount(c.debit).minus(amount(c.credit)) : undefined
    if (balance.isZero() && (month === undefined || month.isZero())) continue
    const account =
      c.code >= 0 && codeCell
        ? {code: codeCell, name: nameCell || codeCell}
        : splitAccount(nameCell || codeCell, vendor)
    sum = sum.plus(balance)
    rows.push({
      label,
      ...(account.code ? {code: account.code} : {}),
      name: account.name,
      ...(section ? {section} : {}),
      balance: amountText(balance),
      ...(month ? {month: amountText(month)} : {}),
    })
  }
  const warnings: string[] = []
  if (!sum.isZero()) {
    warnings.push(
      `${grid.path}: the trial balance's debits and credits differ by ${amountText(sum)}: check that no account row was removed`,
    )
  }
  const report = SourceTrialBalance.parse({
    kind: 'trialBalance',
    vendor,
    title: head.title,
    ...(head.organisation ? {organisation: head.organisation} : {}),
    asAt: head.asAt,
    ...(head.basis ? {basis: head.basis} : {}),
    rows,
  })
  return {report, warnings}
}
