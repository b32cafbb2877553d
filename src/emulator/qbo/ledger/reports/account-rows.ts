import {D, type Dec} from '../../../../domain/money.js'
import type {Chart, LedgerAccount} from '../chart.js'
import {cell, dataRow, money, type Row} from './shape.js'

/** Account types whose balances are debits when positive. */
const DEBIT_NORMAL = new Set([
  'Bank',
  'Accounts Receivable',
  'Other Current Asset',
  'Fixed Asset',
  'Other Asset',
  'Expense',
  'Other Expense',
  'Cost of Goods Sold',
])

export const PROFIT_AND_LOSS_TYPES = new Set([
  'Income',
  'Other Income',
  'Expense',
  'Other Expense',
  'Cost of Goods Sold',
])

export function isDebitNormal(type: string): boolean {
  return DEBIT_NORMAL.has(type)
}

/** A balance as the report shows it: positive on the account type's normal side. */
export function shown(account: LedgerAccount, debitBalance: Dec): Dec {
  return isDebitNormal(account.type) ? debitBalance : debitBalance.negated()
}

function byName(a: LedgerAccount, b: LedgerAccount): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id)
}

/**
 * Rows for the accounts of one report group, nested by ParentRef as QBO nests sub-accounts: a parent with
 * sub-accounts becomes a Section (its own amount in the Header, "Total <name>" in the Summary).
 * `values` holds shown amounts; only accounts present in it appear. Returns the rows and their total.
 */
export function accountRows(accounts: LedgerAccount[], values: Map<string, Dec>): {rows: Row[]; total: Dec} {
  const inGroup = new Set(accounts.map((a) => a.id))
  const children = new Map<string, LedgerAccount[]>()
  const roots: LedgerAccount[] = []
  const visible = (a: LedgerAccount): boolean =>
    values.has(a.id) || (children.get(a.id) ?? []).some((child) => visible(child))
  for (const account of accounts) {
    if (account.parentId !== undefined && inGroup.has(account.parentId)) {
      children.set(account.parentId, [...(children.get(account.parentId) ?? []), account])
    } else roots.push(account)
  }
  const build = (account: LedgerAccount): {row: Row; total: Dec} => {
    const own = values.get(account.id)
    const kids = (children.get(account.id) ?? []).filter(visible).sort(byName)
    if (kids.length === 0) {
      return {row: dataRow([cell(account.name, account.id), cell(money(own))]), total: own ?? new D(0)}
    }
    const built = kids.map(build)
    const total = built.reduce((sum, b) => sum.plus(b.total), own ?? new D(0))
    return {
      row: {
        type: 'Section',
        Header: {ColData: [cell(account.name, account.id), cell(money(own))]},
        Rows: {Row: built.map((b) => b.row)},
        Summary: {ColData: [cell(`Total ${account.name}`), cell(money(total))]},
      },
      total,
    }
  }
  const built = roots.filter(visible).sort(byName).map(build)
  return {rows: built.map((b) => b.row), total: built.reduce((sum, b) => sum.plus(b.total), new D(0))}
}

/** A titled section over some account types; omitted (undefined) when none of its accounts has a value. */
export function typeSection(
  chart: Chart,
  values: Map<string, Dec>,
  types: string[],
  title: string,
  group: string,
  totalTitle = `Total ${title}`,
): {row: Row; total: Dec} | undefined {
  const accounts = chart.all().filter((a) => types.includes(a.type))
  const {rows, total} = accountRows(accounts, values)
  if (rows.length === 0) return undefined
  return {
    row: {
      type: 'Section',
      group,
      Header: {ColData: [cell(title), cell('')]},
      Rows: {Row: rows},
      Summary: {ColData: [cell(totalTitle), cell(money(total))]},
    },
    total,
  }
}

/** A section made of sub-sections (Current Assets = Bank + AR + Other current assets). */
export function parentSection(
  parts: ({row: Row; total: Dec} | undefined)[],
  title: string,
  group: string,
  totalTitle = `Total ${title}`,
): {row: Row; total: Dec} | undefined {
  const present = parts.filter((p): p is {row: Row; total: Dec} => p !== undefined)
  if (present.length === 0) return undefined
  const total = present.reduce((sum, p) => sum.plus(p.total), new D(0))
  return {
    row: {
      type: 'Section',
      group,
      Header: {ColData: [cell(title), cell('')]},
      Rows: {Row: present.map((p) => p.row)},
      Summary: {ColData: [cell(totalTitle), cell(money(total))]},
    },
    total,
  }
}

/** A Section that only carries a Summary (Gross Profit, Net Income …). */
export function summaryRow(title: string, group: string, value: Dec): Row {
  return {type: 'Section', group, Summary: {ColData: [cell(title), cell(money(value))]}}
}
