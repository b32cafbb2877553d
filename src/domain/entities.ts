/**
 * The QBO entities a migration writes, in the order a load must create them. A record may only refer to
 * records of an earlier wave (or, for Account and Customer parents, an earlier record of its own entity),
 * so a batch never holds an item that references a sibling in the same batch.
 */
export const LOAD_WAVES = [
  ['Account', 'Class', 'Department', 'Term', 'PaymentMethod'],
  ['Customer', 'Vendor'],
  ['Item'],
  [
    'Invoice',
    'CreditMemo',
    'SalesReceipt',
    'Bill',
    'VendorCredit',
    'Purchase',
    'Deposit',
    'Transfer',
    'JournalEntry',
  ],
  ['Payment', 'BillPayment'],
] as const

export type QboEntity = (typeof LOAD_WAVES)[number][number]

export const LOAD_ORDER: readonly QboEntity[] = LOAD_WAVES.flat()

/** Entities QBO treats as lists: never deleted, only made inactive; names unique. */
export const LIST_ENTITIES: ReadonlySet<QboEntity> = new Set([
  'Account',
  'Class',
  'Department',
  'Term',
  'PaymentMethod',
  'Customer',
  'Vendor',
  'Item',
])

export function isQboEntity(name: string): name is QboEntity {
  return (LOAD_ORDER as readonly string[]).includes(name)
}

export function waveOf(entity: QboEntity): number {
  return LOAD_WAVES.findIndex((wave) => (wave as readonly string[]).includes(entity))
}

/** Canonical record kinds staged from a source (Xero or MYOB), independent of QBO. */
export const STAGED_KINDS = [
  'account',
  'taxRate',
  'trackingCategory',
  'contact',
  'item',
  'invoice',
  'creditNote',
  'bill',
  'supplierCredit',
  'payment',
  'billPayment',
  'manualJournal',
  'bankTransaction',
  'bankTransfer',
  'openingBalance',
] as const

export type StagedKind = (typeof STAGED_KINDS)[number]

export function isStagedKind(name: string): name is StagedKind {
  return (STAGED_KINDS as readonly string[]).includes(name)
}

/** The staged kinds that become QBO transactions (the rest are lists): what reconciliation compares document by document. */
export const TRANSACTION_KINDS = [
  'invoice',
  'creditNote',
  'bill',
  'supplierCredit',
  'payment',
  'billPayment',
  'manualJournal',
  'bankTransaction',
  'bankTransfer',
  'openingBalance',
] as const satisfies readonly StagedKind[]

export type TransactionKind = (typeof TRANSACTION_KINDS)[number]
