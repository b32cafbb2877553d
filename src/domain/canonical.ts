/**
 * The canonical staged model: what every source adapter (Xero CSV, Xero API, MYOB) produces and what every
 * mapper consumes. It knows nothing of QBO and nothing of any one source's layout.
 *
 * Conventions
 * - Amounts are decimal strings with exactly 2 dp ("12.50"); unit prices and quantities up to 7 dp
 *   (use amountText / unitText from money.ts). Never floats.
 * - Dates are civil dates "YYYY-MM-DD".
 * - `id` is the record's stable source id (unique per kind and source system). References between records
 *   use those ids: `accountId` is an account's id, `contactId` a contact's, `taxCode` a tax rate's id.
 *   Adapters derive ids the same way wherever a record is referenced (e.g. a Xero account id is its Code,
 *   or `name:<Name>` when the export has no code, as Xero bank accounts often do).
 * - Document amounts are positive for every kind; the kind says the direction (a sales credit note is a
 *   creditNote with positive amounts).
 * - `amountsAre` says how line amounts relate to tax:
 *     exclusive: sum(lineAmount) + totalTax = total
 *     inclusive: sum(lineAmount) = total (lineAmount includes its tax)
 *     noTax:     sum(lineAmount) = total, totalTax = 0
 */
import {z} from 'zod'

import {STAGED_KINDS, type StagedKind} from './entities.js'

export const Amount = z.string().regex(/^-?\d+\.\d{2}$/, 'an amount with exactly 2 decimal places')
export const Unit = z.string().regex(/^-?\d+(\.\d{1,7})?$/, 'a decimal with at most 7 decimal places')
export const Rate = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal rate')
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'a 3-letter ISO currency code')
const Id = z.string().min(1)

export const AmountsAre = z.enum(['exclusive', 'inclusive', 'noTax'])

export const Tracking = z.object({category: z.string().min(1), option: z.string().min(1)})

export const Address = z.object({
  attention: z.string().optional(),
  lines: z.array(z.string()).max(5),
  city: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
})

export const Terms = z.object({
  type: z.enum([
    'daysAfterInvoice',
    'dayOfFollowingMonth',
    'daysAfterEndOfMonth',
    'dayOfCurrentMonth',
    'cod',
    'prepaid',
  ]),
  days: z.number().int().min(0).max(999).optional(),
})

// ---- lists ---------------------------------------------------------------------------------------------

export const ACCOUNT_TYPES = [
  'bank',
  'creditCard',
  'accountsReceivable',
  'currentAsset',
  'fixedAsset',
  'nonCurrentAsset',
  'inventory',
  'prepayment',
  'accountsPayable',
  'currentLiability',
  'nonCurrentLiability',
  'liability',
  'equity',
  'revenue',
  'sales',
  'otherIncome',
  'directCosts',
  'expense',
  'overheads',
  'depreciation',
  'otherExpense',
] as const

export const Account = z.object({
  id: Id,
  code: z.string().optional(),
  name: z.string().min(1),
  type: z.enum(ACCOUNT_TYPES),
  /** The source's own type text or code, kept for the mapping workbook ("Current Asset", "CURRENT", "Bank"). */
  sourceType: z.string(),
  class: z.enum(['asset', 'liability', 'equity', 'revenue', 'expense']),
  /** MYOB header accounts group others and take no postings. */
  isHeader: z.boolean(),
  parentId: z.string().optional(),
  systemAccount: z
    .enum([
      'AR',
      'AP',
      'GST',
      'RETAINED_EARNINGS',
      'HISTORICAL',
      'ROUNDING',
      'UNPAID_EXPENSE_CLAIMS',
      'TRACKING',
      'CURRENCY_GAIN',
      'OTHER',
    ])
    .optional(),
  taxCode: z.string().optional(),
  description: z.string().optional(),
  bankAccountNumber: z.string().optional(),
  currency: Currency.optional(),
  active: z.boolean(),
})

export const TaxRate = z.object({
  /** Xero: the TaxType code (OUTPUT, INPUT, BASEXCLUDED …); MYOB: the tax code (GST, FRE, N-T …). */
  id: Id,
  name: z.string().min(1),
  rate: Rate,
  /** MYOB codes serve both directions; the direction of a line comes from its document. */
  appliesTo: z.enum(['sales', 'purchases', 'both']),
  /** A Xero-style report type that mappers use to find the QBO tax code (OUTPUT, INPUT, EXEMPTOUTPUT …). */
  reportType: z.string().optional(),
  active: z.boolean(),
})

export const TrackingCategory = z.object({
  id: Id,
  name: z.string().min(1),
  options: z.array(z.object({name: z.string().min(1), active: z.boolean()})),
  active: z.boolean(),
})

export const Contact = z.object({
  id: Id,
  /** The display name as the source shows it (MYOB individuals: "Last, First" is built by the adapter). */
  name: z.string().min(1),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  companyName: z.string().optional(),
  isIndividual: z.boolean(),
  email: z.string().optional(),
  phone: z.string().optional(),
  mobile: z.string().optional(),
  fax: z.string().optional(),
  website: z.string().optional(),
  taxNumber: z.string().optional(),
  accountNumber: z.string().optional(),
  /** Derived from transactions where the source has no flag (Xero CSV). */
  isCustomer: z.boolean(),
  isSupplier: z.boolean(),
  currency: Currency.optional(),
  billingAddress: Address.optional(),
  deliveryAddress: Address.optional(),
  salesTerms: Terms.optional(),
  billTerms: Terms.optional(),
  notes: z.string().optional(),
  active: z.boolean(),
})

export const Item = z.object({
  id: Id,
  code: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  purchaseDescription: z.string().optional(),
  salePrice: Unit.optional(),
  purchasePrice: Unit.optional(),
  salesAccountId: z.string().optional(),
  purchaseAccountId: z.string().optional(),
  salesTaxCode: z.string().optional(),
  purchaseTaxCode: z.string().optional(),
  /** Tracked inventory: needs the asset and COGS accounts; quantity as at `quantityAsOf`. */
  tracked: z.boolean(),
  inventoryAssetAccountId: z.string().optional(),
  cogsAccountId: z.string().optional(),
  quantityOnHand: Unit.optional(),
  quantityAsOf: IsoDate.optional(),
  isSold: z.boolean(),
  isPurchased: z.boolean(),
  active: z.boolean(),
})

// ---- documents -----------------------------------------------------------------------------------------

export const DocumentLine = z.object({
  lineNo: z.number().int().min(1),
  itemCode: z.string().optional(),
  description: z.string().optional(),
  quantity: Unit.optional(),
  unitAmount: Unit.optional(),
  /** A percentage (0–100), as Xero and MYOB give it. */
  discountRate: Rate.optional(),
  accountId: z.string().optional(),
  taxCode: z.string().optional(),
  taxAmount: Amount,
  /** Net of discount; includes tax when the document is tax-inclusive. */
  lineAmount: Amount,
  tracking: z.array(Tracking),
  /**
   * A freight charge (MYOB's Freight Amount). Its account is MYOB's linked freight account, which no export
   * carries: `accountId` is the freight account chosen for the migration (the mapping workbook's setting, or
   * the chart's account named like "Freight"), absent when there is none yet.
   */
  freight: z.literal(true).optional(),
})

export const Allocation = z.object({
  /** The kind and id of the document the money is applied to. */
  documentKind: z.enum(['invoice', 'creditNote', 'bill', 'supplierCredit']),
  documentId: Id,
  amount: Amount,
  date: IsoDate.optional(),
})

const documentFields = {
  id: Id,
  number: z.string().optional(),
  reference: z.string().optional(),
  contactId: Id,
  contactName: z.string().min(1),
  date: IsoDate,
  dueDate: IsoDate.optional(),
  currency: Currency,
  /** Units of home currency per unit of the document currency; absent for home-currency documents. */
  exchangeRate: Unit.optional(),
  amountsAre: AmountsAre,
  status: z.enum(['draft', 'submitted', 'authorised', 'paid', 'voided']),
  lines: z.array(DocumentLine).min(1),
  subTotal: Amount,
  totalTax: Amount,
  total: Amount,
  amountPaid: Amount.optional(),
  amountDue: Amount.optional(),
  memo: z.string().optional(),
  /** Credit notes: where their credit was applied (Xero Allocations). */
  allocations: z.array(Allocation).optional(),
}

export const Invoice = z.object({...documentFields, kind: z.literal('invoice')})
export const CreditNote = z.object({...documentFields, kind: z.literal('creditNote')})
export const Bill = z.object({...documentFields, kind: z.literal('bill')})
export const SupplierCredit = z.object({...documentFields, kind: z.literal('supplierCredit')})

export const Payment = z.object({
  id: Id,
  date: IsoDate,
  contactId: z.string().optional(),
  /** The bank (or clearing) account the money went into or came out of. */
  bankAccountId: z.string().min(1),
  amount: Amount,
  currency: Currency,
  exchangeRate: Unit.optional(),
  reference: z.string().optional(),
  method: z.string().optional(),
  /**
   * Where the money was applied. Empty for money received or paid ahead of any document (a Xero prepayment
   * or overpayment not yet allocated): the contact holds it as credit (QBO's unapplied amount).
   */
  allocations: z.array(Allocation),
  /**
   * A Xero prepayment or overpayment: money that was not (or not only) a payment of documents. Its
   * allocations are the documents it was applied to, its `refunds` the money paid back out of it.
   */
  origin: z.enum(['prepayment', 'overpayment']).optional(),
  refunds: z.array(z.object({id: Id, amount: Amount, date: IsoDate.optional()})).optional(),
  /**
   * This payment is a refund: money paid back to a customer (kind payment) or received back from a supplier
   * (kind billPayment) out of a credit the contact held. `refundOf` names the prepayment, overpayment or
   * credit note (then also in allocations) it came out of.
   */
  refundOf: z
    .object({kind: z.enum(['prepayment', 'overpayment', 'creditNote', 'supplierCredit']), id: Id})
    .optional(),
  /** Xero batch payments: one bank line paid several documents; each document's part is its own payment. */
  batchId: z.string().optional(),
})

export const ManualJournal = z.object({
  id: Id,
  number: z.string().optional(),
  date: IsoDate,
  narration: z.string(),
  amountsAre: AmountsAre,
  lines: z
    .array(
      z.object({
        lineNo: z.number().int().min(1),
        accountId: z.string().min(1),
        description: z.string().optional(),
        /** Signed: positive is a debit, negative a credit. The lines sum to zero. */
        amount: Amount,
        taxCode: z.string().optional(),
        taxAmount: Amount.optional(),
        tracking: z.array(Tracking),
      }),
    )
    .min(2),
})

export const BankTransaction = z.object({
  id: Id,
  type: z.enum(['spend', 'receive']),
  date: IsoDate,
  bankAccountId: z.string().min(1),
  contactId: z.string().optional(),
  contactName: z.string().optional(),
  reference: z.string().optional(),
  /** The transaction's own note (MYOB's Memo); the mapper keeps it in PrivateNote. */
  memo: z.string().optional(),
  currency: Currency,
  exchangeRate: Unit.optional(),
  amountsAre: AmountsAre,
  lines: z.array(DocumentLine).min(1),
  subTotal: Amount,
  totalTax: Amount,
  total: Amount,
})

export const BankTransfer = z.object({
  id: Id,
  date: IsoDate,
  fromAccountId: z.string().min(1),
  toAccountId: z.string().min(1),
  amount: Amount,
  reference: z.string().optional(),
})

export const OpeningBalance = z.object({
  id: Id,
  date: IsoDate,
  /** Signed per account: positive is a debit balance. The lines sum to zero (a balancing line is explicit). */
  lines: z.array(z.object({accountId: z.string().min(1), amount: Amount})).min(1),
})

export const CANONICAL_SCHEMAS = {
  account: Account,
  taxRate: TaxRate,
  trackingCategory: TrackingCategory,
  contact: Contact,
  item: Item,
  invoice: Invoice,
  creditNote: CreditNote,
  bill: Bill,
  supplierCredit: SupplierCredit,
  payment: Payment,
  billPayment: Payment,
  manualJournal: ManualJournal,
  bankTransaction: BankTransaction,
  bankTransfer: BankTransfer,
  openingBalance: OpeningBalance,
} as const satisfies Record<StagedKind, z.ZodType>

export type Account = z.infer<typeof Account>
export type TaxRate = z.infer<typeof TaxRate>
export type TrackingCategory = z.infer<typeof TrackingCategory>
export type Contact = z.infer<typeof Contact>
export type Item = z.infer<typeof Item>
export type DocumentLine = z.infer<typeof DocumentLine>
export type Allocation = z.infer<typeof Allocation>
export type Invoice = z.infer<typeof Invoice>
export type CreditNote = z.infer<typeof CreditNote>
export type Bill = z.infer<typeof Bill>
export type SupplierCredit = z.infer<typeof SupplierCredit>
export type TradeDocument = Invoice | CreditNote | Bill | SupplierCredit
export type Payment = z.infer<typeof Payment>
export type ManualJournal = z.infer<typeof ManualJournal>
export type BankTransaction = z.infer<typeof BankTransaction>
export type BankTransfer = z.infer<typeof BankTransfer>
export type OpeningBalance = z.infer<typeof OpeningBalance>

export type CanonicalOf<K extends StagedKind> = z.infer<(typeof CANONICAL_SCHEMAS)[K]>

/** A staged record of any kind, tagged with its kind. */
export type CanonicalRecord = {[K in StagedKind]: {kind: K; record: CanonicalOf<K>}}[StagedKind]

/** Validates a record against its kind's schema; throws a ZodError listing every problem. */
export function parseCanonical<K extends StagedKind>(kind: K, value: unknown): CanonicalOf<K> {
  return CANONICAL_SCHEMAS[kind].parse(value) as CanonicalOf<K>
}

export {STAGED_KINDS}
