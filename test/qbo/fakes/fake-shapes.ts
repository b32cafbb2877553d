// QBO's documented response shapes and small helpers shared by the fake server's parts.

export const DAY_MS = 86_400_000

export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function parseFaultSpec(spec: string | undefined): Record<string, number> {
  const out: Record<string, number> = {}
  for (const part of (spec ?? '').split(',').filter(Boolean)) {
    const [k, v] = part.split('=')
    if (k && v && !v.includes('-')) out[k.trim()] = Number(v)
  }
  return out
}

export const NAMES: Record<string, string> = {
  companyinfo: 'CompanyInfo',
  journalentry: 'JournalEntry',
  salesreceipt: 'SalesReceipt',
  creditmemo: 'CreditMemo',
  billpayment: 'BillPayment',
  vendorcredit: 'VendorCredit',
}
export const entityName = (path: string) =>
  NAMES[path.toLowerCase()] ?? path.charAt(0).toUpperCase() + path.slice(1).toLowerCase()

export const THROTTLE_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2024-01-01T00:00:00.000-08:00"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>'

export function fault(code: string, message: string, detail = '', type = 'ValidationFault', element = '') {
  return {
    Fault: {Error: [{Message: message, Detail: detail, code, element}], type},
    time: new Date().toISOString(),
  }
}

export const gateway401 = () => ({
  warnings: null,
  intuitObject: null,
  fault: {
    error: [
      {
        message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
        detail: 'Token expired',
        code: '3200',
        element: null,
      },
    ],
    type: 'AUTHENTICATION',
  },
  report: null,
  queryResponse: null,
  batchItemResponse: [],
  time: Date.now(),
})

export type Row = Record<string, unknown> & {Id: string; SyncToken: string}
