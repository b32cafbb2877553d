import type {NotMigrated} from '../files/units.js'
import {ALLOCATION_ACCOUNT} from './banking.js'

/**
 * MYOB header rows write sub-fields as continuation headers: `Addr 1 - Line 1<TAB>           - Line 2`.
 * Each `- X` inherits the group prefix of the last full header that had one ("Addr 1 - Line 2").
 */
export function expandMyobHeaders(names: readonly string[]): string[] {
  let prefix = ''
  return names.map((raw) => {
    const name = raw.trim()
    const cont = /^-\s*(.+)$/.exec(name)
    if (cont && prefix) return `${prefix} - ${(cont[1] as string).trim()}`
    const group = /^(.+?)\s+-\s+.+$/.exec(name)
    prefix = group ? (group[1] as string).trim() : ''
    return name
  })
}

/** Header lookup key: case, asterisks (MYOB Business templates) and spacing ignored. */
export function myobKey(name: string): string {
  return name.trim().replace(/^\*+/, '').replace(/\s+/g, ' ').toLowerCase()
}

export type MyobFileType =
  | 'taxCodes'
  | 'accounts'
  | 'items'
  | 'itemSales'
  | 'serviceSales'
  | 'itemPurchases'
  | 'servicePurchases'
  | 'journals'
  | 'customerPayments'
  | 'supplierPayments'
  | 'spendMoney'
  | 'receiveMoney'
  | 'cards'

export const MYOB_TYPE_ORDER: readonly MyobFileType[] = [
  'taxCodes',
  'accounts',
  'items',
  'itemSales',
  'serviceSales',
  'itemPurchases',
  'servicePurchases',
  'customerPayments',
  'supplierPayments',
  'spendMoney',
  'receiveMoney',
  'journals',
  'cards',
]

export const PURCHASE_NUMBER = ['purchase #', 'purchase no.', 'purchase no', 'purchase number']

/**
 * Exports AccountRight writes that a migration does not stage (field names UNCONFIRMED: MYOB's import/export
 * field lists), with what to do instead.
 */
export function myobNotMigrated(expanded: readonly string[]): NotMigrated | undefined {
  const k = new Set(expanded.map(myobKey))
  const what = k.has('inventory journal #')
    ? 'a MYOB Inventory Adjustments export: stock adjustments are not migrated'
    : k.has('job number') && k.has('job name')
      ? 'a MYOB Jobs list: jobs are not migrated as a list (the Job on each line becomes tracking)'
      : k.has('activity id')
        ? 'a MYOB Activities or Timesheets export: activities are not migrated'
        : undefined
  return what
    ? {
        notMigrated: what,
        next: 'Remove it from the folder, and enter what it holds in QBO after the migration if you need it.',
      }
    : undefined
}

/** Recognises a MYOB export by its (expanded) header row, never by its file name. */
export function recogniseMyobHeader(expanded: readonly string[]): MyobFileType | undefined {
  const k = new Set(expanded.map(myobKey))
  const has = (...n: string[]) => n.every((x) => k.has(x))
  const any = (...n: string[]) => n.some((x) => k.has(x))
  const purchase = any(...PURCHASE_NUMBER)
  if (any(...ALLOCATION_ACCOUNT)) {
    if (has('cheque account')) return 'spendMoney'
    if (has('deposit account')) return 'receiveMoney'
  }
  if (has('amount applied'))
    return purchase || any('supplier invoice #', 'supplier inv #') ? 'supplierPayments' : 'customerPayments'
  if (has('invoice #') && has('item number')) return 'itemSales'
  if (has('invoice #') && any('account #', 'account number')) return 'serviceSales'
  if (purchase && has('item number')) return 'itemPurchases'
  if (purchase && any('account #', 'account number')) return 'servicePurchases'
  if (any('debit amount', 'debit') && any('credit amount', 'credit') && any('account number', 'account #'))
    return 'journals'
  if (has('item number') && any('item name', 'name')) return 'items'
  if (has('account number', 'account name')) return 'accounts'
  if (has('co./last name')) return 'cards'
  if (has('tax code') && any('rate', 'tax rate', 'percentage')) return 'taxCodes'
  return undefined
}
