import {z} from 'zod'

import {amountText, dec} from '../../domain/money.js'
import {XDate} from './sdk-schemas.js'

const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined)

/** What an invoice says about the payments applied to it (Xero's Invoice.Payments; absent in older answers). */
const InvoicePayments = z.object({
  invoiceID: z.string(),
  invoiceNumber: opt(z.string()),
  payments: opt(
    z.array(z.object({paymentID: opt(z.string()), amount: opt(z.number()), date: opt(XDate)}).passthrough()),
  ),
})
const PaymentId = z.object({paymentID: z.string()})

interface Listed {
  invoiceId: string
  invoiceNumber: string | undefined
  amount: number | undefined
  date: string | undefined
}

/**
 * Payments are staged from GET Payments; invoices also list the payments applied to them. When one run
 * reads both collections whole (from page 1, no --since), a payment an invoice lists that GET Payments
 * did not return is named in the extract's notes, so no payment disappears without a word. Invoices that
 * do not carry the list (older answers, summaryOnly) add nothing to check.
 */
export class EmbeddedPaymentCheck {
  private readonly listed = new Map<string, Listed>()
  private readonly returned = new Set<string>()
  private readonly whole = new Set<string>()

  /** The collection is read from its first page to its last in this run. */
  readWhole(collection: string): void {
    this.whole.add(collection)
  }

  observe(collection: string, raws: readonly unknown[]): void {
    if (collection === 'Invoices') {
      for (const raw of raws) {
        const invoice = InvoicePayments.safeParse(raw)
        if (!invoice.success) continue
        for (const p of invoice.data.payments ?? []) {
          if (!p.paymentID) continue
          this.listed.set(p.paymentID, {
            invoiceId: invoice.data.invoiceID,
            invoiceNumber: invoice.data.invoiceNumber,
            amount: p.amount,
            date: p.date,
          })
        }
      }
    }
    if (collection === 'Payments') {
      for (const raw of raws) {
        const payment = PaymentId.safeParse(raw)
        if (payment.success) this.returned.add(payment.data.paymentID)
      }
    }
  }

  /** Notes for the payments invoices list but GET Payments did not return (none unless both were read whole). */
  gaps(): string[] {
    if (!this.whole.has('Invoices') || !this.whole.has('Payments')) return []
    return [...this.listed]
      .filter(([id]) => !this.returned.has(id))
      .map(
        ([id, l]) =>
          `Payments ${id} (${l.amount === undefined ? '?' : amountText(dec(l.amount))} on ${l.date ?? '?'}) is listed on invoice ${l.invoiceNumber ?? ''} ${l.invoiceId} but GET Payments did not return it: not staged. Check it in Xero and enter it in QuickBooks by hand if it is real.`,
      )
  }
}
