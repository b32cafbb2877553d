import type {AccountingApi} from 'xero-node'

/**
 * The paged collections in extract order (lists before the documents that refer to them), each with its
 * xero-node call. Every page asks for 4-dp unit amounts, the largest page size, and an order that keeps
 * paging stable: oldest change first, so records changed during a paused extract move to the end.
 */
export interface PagedCollection {
  name: string
  fetch(
    api: AccountingApi,
    tenantId: string,
    page: number,
    pageSize: number,
    since: Date | undefined,
  ): Promise<{body: object}>
  /** The property of the SDK body holding the records. */
  bodyKey: string
}

// One sort key: Xero documents `order` with a single field; a second key (an id tie-break) is not known to
// be accepted (calcinai/xero-php#742 reports two keys failing).
const ORDER = 'UpdatedDateUTC ASC'

export const PAGED: readonly PagedCollection[] = [
  {
    name: 'Contacts',
    bodyKey: 'contacts',
    // includeArchived: archived contacts still own historical invoices.
    fetch: (api, t, page, size, since) =>
      api.getContacts(t, since, undefined, ORDER, undefined, page, true, false, undefined, size),
  },
  {
    name: 'Invoices',
    bodyKey: 'invoices',
    fetch: (api, t, page, size, since) =>
      api.getInvoices(
        t,
        since,
        undefined,
        ORDER,
        undefined,
        undefined,
        undefined,
        undefined,
        page,
        true,
        undefined,
        4,
        false,
        size,
      ),
  },
  {
    name: 'CreditNotes',
    bodyKey: 'creditNotes',
    fetch: (api, t, page, size, since) => api.getCreditNotes(t, since, undefined, ORDER, page, 4, size),
  },
  {
    name: 'Payments',
    bodyKey: 'payments',
    fetch: (api, t, page, size, since) => api.getPayments(t, since, undefined, ORDER, page, size),
  },
  // Before Overpayments and Prepayments: their bank transactions hold the bank account they lack.
  {
    name: 'BankTransactions',
    bodyKey: 'bankTransactions',
    fetch: (api, t, page, size, since) => api.getBankTransactions(t, since, undefined, ORDER, page, 4, size),
  },
  {
    name: 'Overpayments',
    bodyKey: 'overpayments',
    fetch: (api, t, page, size, since) => api.getOverpayments(t, since, undefined, ORDER, page, 4, size),
  },
  {
    name: 'Prepayments',
    bodyKey: 'prepayments',
    fetch: (api, t, page, size, since) => api.getPrepayments(t, since, undefined, ORDER, page, 4, size),
  },
  {
    name: 'ManualJournals',
    bodyKey: 'manualJournals',
    fetch: (api, t, page, size, since) => api.getManualJournals(t, since, undefined, ORDER, page, size),
  },
]

/** A page checkpoint: the page last committed and the page size it was read with. */
export function pagePosition(page: number, pageSize: number): string {
  return `page:${page};size:${pageSize}`
}

export const DONE = 'done'

/**
 * Where to start a collection on resume. The last committed page is read again: if records changed while
 * the extract was paused, later records shift towards the front and would otherwise be skipped.
 */
export function startPage(position: string | undefined, pageSize: number): number | 'done' {
  if (position === DONE) return 'done'
  const m = /^page:(\d+);size:(\d+)$/.exec(position ?? '')
  if (!m || Number(m[2]) !== pageSize) return 1
  return Math.max(1, Number(m[1]))
}
