/**
 * What the adapter reads from xero-node's deserialised objects, validated where it enters. The SDK turns
 * every `/Date(…)/` into a JS Date (even in string-typed fields), so date fields accept a Date or text and
 * become civil dates in UTC here, never through local time.
 */
import {z} from 'zod'

import {civilDate, type CivilDate, parseIsoDate} from '../../domain/civil-date.js'

function toCivil(value: Date | string, ctx: z.RefinementCtx): CivilDate {
  const asDate =
    value instanceof Date
      ? value
      : /^\/Date\((-?\d+)/.test(value)
        ? new Date(Number(/^\/Date\((-?\d+)/.exec(value)![1]))
        : undefined
  if (asDate && !Number.isNaN(asDate.getTime())) {
    return civilDate(asDate.getUTCFullYear(), asDate.getUTCMonth() + 1, asDate.getUTCDate())
  }
  const text = typeof value === 'string' ? parseIsoDate(value.slice(0, 10)) : undefined
  if (text) return text
  ctx.addIssue({code: 'custom', message: `not a Xero date: ${String(value)}`})
  return z.NEVER
}

export const XDate = z.union([z.date(), z.string()]).transform(toCivil)
const Money = z.number().finite()
const Text = z.string()
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined)

export const XOrganisation = z.object({
  organisationID: opt(Text),
  name: opt(Text),
  baseCurrency: opt(Text),
})

export const XAccount = z.object({
  accountID: Text,
  code: opt(Text),
  name: Text,
  type: opt(Text),
  status: opt(Text),
  description: opt(Text),
  bankAccountNumber: opt(Text),
  bankAccountType: opt(Text),
  currencyCode: opt(Text),
  taxType: opt(Text),
  _class: opt(Text),
  systemAccount: opt(Text),
})
export type XAccount = z.infer<typeof XAccount>

export const XTaxRate = z.object({
  name: Text,
  taxType: Text,
  reportTaxType: opt(Text),
  status: opt(Text),
  canApplyToExpenses: opt(z.boolean()),
  canApplyToRevenue: opt(z.boolean()),
  displayTaxRate: opt(Money),
  effectiveRate: opt(Money),
})

export const XTrackingCategory = z.object({
  name: Text,
  status: opt(Text),
  options: opt(z.array(z.object({name: opt(Text), status: opt(Text)}))),
})

const XPhone = z.object({
  phoneType: opt(Text),
  phoneNumber: opt(Text),
  phoneAreaCode: opt(Text),
  phoneCountryCode: opt(Text),
})
const XAddress = z.object({
  addressType: opt(Text),
  addressLine1: opt(Text),
  addressLine2: opt(Text),
  addressLine3: opt(Text),
  addressLine4: opt(Text),
  city: opt(Text),
  region: opt(Text),
  postalCode: opt(Text),
  country: opt(Text),
  attentionTo: opt(Text),
})
export type XAddress = z.infer<typeof XAddress>
const XTerm = z.object({day: opt(z.number().int()), type: opt(Text)})
export type XTerm = z.infer<typeof XTerm>

export const XContact = z.object({
  contactID: Text,
  contactStatus: opt(Text),
  name: Text,
  firstName: opt(Text),
  lastName: opt(Text),
  emailAddress: opt(Text),
  accountNumber: opt(Text),
  taxNumber: opt(Text),
  website: opt(Text),
  isSupplier: opt(z.boolean()),
  isCustomer: opt(z.boolean()),
  defaultCurrency: opt(Text),
  addresses: opt(z.array(XAddress)),
  phones: opt(z.array(XPhone)),
  paymentTerms: opt(z.object({sales: opt(XTerm), bills: opt(XTerm)})),
})
export type XContact = z.infer<typeof XContact>

const XDetails = z.object({
  unitPrice: opt(Money),
  accountCode: opt(Text),
  cOGSAccountCode: opt(Text),
  taxType: opt(Text),
})
export const XItem = z.object({
  code: Text,
  name: opt(Text),
  description: opt(Text),
  purchaseDescription: opt(Text),
  isSold: opt(z.boolean()),
  isPurchased: opt(z.boolean()),
  isTrackedAsInventory: opt(z.boolean()),
  inventoryAssetAccountCode: opt(Text),
  quantityOnHand: opt(Money),
  salesDetails: opt(XDetails),
  purchaseDetails: opt(XDetails),
})

const XTracking = z.object({name: opt(Text), option: opt(Text)})
export const XLine = z.object({
  itemCode: opt(Text),
  description: opt(Text),
  quantity: opt(Money),
  unitAmount: opt(Money),
  accountCode: opt(Text),
  accountID: opt(Text),
  taxType: opt(Text),
  taxAmount: opt(Money),
  lineAmount: opt(Money),
  discountRate: opt(Money),
  tracking: opt(z.array(XTracking)),
})
export type XLine = z.infer<typeof XLine>

const XContactRef = z.object({contactID: Text, name: opt(Text)})
const XDocRef = z.object({
  invoiceID: opt(Text),
  invoiceNumber: opt(Text),
  type: opt(Text),
  currencyCode: opt(Text),
  contact: opt(XContactRef),
})
const XAllocation = z.object({amount: Money, date: opt(XDate), invoice: opt(XDocRef)})

const documentFields = {
  type: Text,
  contact: XContactRef,
  /** Xero lets a draft go without a date; such drafts are reported, not staged. */
  date: opt(XDate),
  dueDate: opt(XDate),
  status: opt(Text),
  lineAmountTypes: opt(Text),
  lineItems: opt(z.array(XLine)),
  subTotal: opt(Money),
  totalTax: opt(Money),
  total: opt(Money),
  currencyCode: opt(Text),
  currencyRate: opt(Money),
  reference: opt(Text),
}

export const XInvoice = z.object({
  ...documentFields,
  invoiceID: Text,
  invoiceNumber: opt(Text),
  amountDue: opt(Money),
  amountPaid: opt(Money),
})
export type XInvoice = z.infer<typeof XInvoice>

export const XCreditNote = z.object({
  ...documentFields,
  creditNoteID: Text,
  creditNoteNumber: opt(Text),
  remainingCredit: opt(Money),
  allocations: opt(z.array(XAllocation)),
})
export type XCreditNote = z.infer<typeof XCreditNote>

const XMoneyRef = z.object({
  prepaymentID: opt(Text),
  overpaymentID: opt(Text),
  currencyCode: opt(Text),
  contact: opt(XContactRef),
})

/**
 * Overpayments and prepayments (Xero's Prepayment and Overpayment schemas). Neither carries its bank account:
 * that is on the bank transaction Xero made for it (BankTransaction.PrepaymentID / OverpaymentID).
 */
export const XUnappliedMoney = z.object({
  type: opt(Text),
  contact: opt(XContactRef),
  date: opt(XDate),
  status: opt(Text),
  lineAmountTypes: opt(Text),
  subTotal: opt(Money),
  totalTax: opt(Money),
  total: opt(Money),
  remainingCredit: opt(Money),
  currencyCode: opt(Text),
  currencyRate: opt(Money),
  reference: opt(Text),
  overpaymentID: opt(Text),
  prepaymentID: opt(Text),
  allocations: opt(
    z.array(
      z.object({
        amount: Money,
        date: opt(XDate),
        invoice: opt(XDocRef),
        creditNote: opt(z.object({creditNoteID: opt(Text)})),
        isDeleted: opt(z.boolean()),
      }),
    ),
  ),
  payments: opt(
    z.array(z.object({paymentID: opt(Text), amount: opt(Money), date: opt(XDate), status: opt(Text)})),
  ),
})
export type XUnappliedMoney = z.infer<typeof XUnappliedMoney>

const XAccountRef = z.object({accountID: opt(Text), code: opt(Text), name: opt(Text)})
export type XAccountRef = z.infer<typeof XAccountRef>

export const XPayment = z.object({
  paymentID: Text,
  date: XDate,
  amount: Money,
  currencyRate: opt(Money),
  reference: opt(Text),
  status: opt(Text),
  paymentType: opt(Text),
  account: opt(XAccountRef),
  invoice: opt(XDocRef),
  creditNote: opt(
    z.object({
      creditNoteID: opt(Text),
      creditNoteNumber: opt(Text),
      currencyCode: opt(Text),
      contact: opt(XContactRef),
    }),
  ),
  prepayment: opt(XMoneyRef),
  overpayment: opt(XMoneyRef),
  batchPaymentID: opt(Text),
})
export type XPayment = z.infer<typeof XPayment>

export const XManualJournal = z.object({
  manualJournalID: Text,
  date: XDate,
  status: opt(Text),
  lineAmountTypes: opt(Text),
  narration: opt(Text),
  journalLines: opt(
    z.array(
      z.object({
        lineAmount: opt(Money),
        accountCode: opt(Text),
        accountID: opt(Text),
        description: opt(Text),
        taxType: opt(Text),
        taxAmount: opt(Money),
        tracking: opt(z.array(XTracking)),
      }),
    ),
  ),
})
export type XManualJournal = z.infer<typeof XManualJournal>

export const XBankTransaction = z.object({
  ...documentFields,
  contact: opt(XContactRef),
  bankTransactionID: Text,
  bankAccount: XAccountRef,
  prepaymentID: opt(Text),
  overpaymentID: opt(Text),
})
export type XBankTransaction = z.infer<typeof XBankTransaction>

export const XBankTransfer = z.object({
  bankTransferID: Text,
  date: XDate,
  amount: Money,
  reference: opt(Text),
  fromBankAccount: XAccountRef,
  toBankAccount: XAccountRef,
})
export type XBankTransfer = z.infer<typeof XBankTransfer>
