/**
 * QBO's fault bodies, word for word where public sources show them (qbo-api.md §6). Entity and query code
 * throws QboFault; the router turns it into the JSON envelope (or a batch item's Fault).
 */
export interface FaultError {
  Message: string
  Detail: string
  code: string
  element: string
}

export type FaultType = 'ValidationFault' | 'SystemFault' | 'AuthenticationFault' | 'AuthorizatonFault'

export class QboFault extends Error {
  constructor(
    readonly errors: FaultError[],
    readonly type: FaultType = 'ValidationFault',
    readonly status = 400,
  ) {
    super(errors.map((e) => `${e.code} ${e.Message}: ${e.Detail}`).join('; '))
  }

  body(time: string): {Fault: {Error: FaultError[]; type: FaultType}; time: string} {
    return {Fault: {Error: this.errors, type: this.type}, time}
  }
}

function fault(code: string, Message: string, Detail: string, element = ''): QboFault {
  return new QboFault([{Message, Detail, code, element}])
}

export const faults = {
  required: (field: string) =>
    fault(
      '2020',
      'Required param missing, need to supply the required value for the API',
      `Required parameter ${field} is missing in the request`,
      field,
    ),
  invalidReference: (entity: string, id: string, element: string) =>
    fault(
      '2500',
      'Invalid Reference Id',
      `Invalid Reference Id : ${plural(entity)} element id ${id} is invalid`,
      element,
    ),
  notFound: () =>
    fault(
      '610',
      'Object Not Found',
      "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    ),
  stale: () =>
    fault(
      '5010',
      'Stale Object Error',
      'Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.',
    ),
  duplicateName: (what = 'customer, vendor or employee') =>
    fault(
      '6240',
      'Duplicate Name Exists Error',
      `The name supplied already exists. : Another ${what} is already using this name. Please use a different name.`,
    ),
  duplicateDocNumber: (docNumber: string, txnType: string, txnId: string) =>
    fault(
      '6140',
      'Duplicate Document Number Error',
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${txnType} with TxnId=${txnId}`,
    ),
  stringLength: (field: string, max: number, supplied: number) =>
    fault(
      '2050',
      'Invalid String Length',
      `String length specified does not match the supported length. Min:0 Max:${max} supported. Supplied length:${supplied}`,
      field,
    ),
  invalidString: (field: string, why: string) => fault('2040', 'Invalid String', `${why}`, field),
  invalidEnum: (field: string, value: string) =>
    fault('2170', 'Invalid Enumeration', `Invalid Enumeration: ${value}`, field),
  invalidNumber: (field: string, value: string) =>
    fault('2030', 'Invalid ID', `Invalid Number : ${field} value ${value} is not a valid number`, field),
  business: (text: string) =>
    fault(
      '6000',
      'A business validation error has occurred while processing your request',
      `Business Validation Error: ${text}`,
    ),
  amountCalc: (element: string) =>
    fault(
      '6070',
      'Amount calculation incorrect',
      'Amount calculation incorrect : Amount is not equal to UnitPrice * Qty',
      element,
    ),
  unbalancedJournal: () =>
    fault(
      '2300',
      'Amount on debits not equal to credits',
      'Amount on debits not equal to credits : Your journal entry is out of balance. The total of the debits must equal the total of the credits.',
    ),
  periodClosed: (closeDate: string) =>
    fault(
      '6200',
      'Account Period Closed',
      `Account Period Closed : The account period has closed and the books are locked on ${closeDate}. Choose a later date.`,
    ),
  taxDetailNotApplicable: () =>
    fault(
      '6170',
      'Invalid TxnTaxDetail',
      'Invalid TxnTaxDetail : TxnTaxDetail is not allowed when GlobalTaxCalculation is NotApplicable',
    ),
  accountType: () =>
    fault(
      '6010',
      'Invalid Account.AccountType && Account.SubType',
      'Invalid Account.AccountType && Account.SubType : Either AccountType or AccountSubType must be supplied',
    ),
  noName: () =>
    fault(
      '6080',
      'No Name Provided',
      'No Name Provided : Please provide a name (DisplayName, GivenName, FamilyName or CompanyName).',
    ),
  hasBalance: () =>
    fault(
      '6220',
      'Delete Entity Has Balance',
      'Delete Entity Has Balance : You cannot make this inactive because it still has a balance.',
    ),
  subLevel: () => fault('6180', 'Sub Level Limit', 'Sub Level Limit : You can only have 5 levels.'),
  missingLines: () =>
    fault(
      '2250',
      'Missing lines',
      'Missing lines : A journal entry must have at least one debit and one credit line.',
      'Line',
    ),
  missingPostingType: () =>
    fault(
      '2260',
      'MissingPostingType',
      'MissingPostingType : Each journal entry line needs PostingType Debit or Credit.',
      'PostingType',
    ),
  deposited: () =>
    fault(
      '6540',
      'Deposited Transaction cannot be changed',
      'Deposited Transaction cannot be changed : This transaction has been deposited. Remove it from the deposit first.',
    ),
  unsupported: (detail: string) => fault('500', 'Unsupported Operation', detail),
  queryParse: (detail: string) => fault('4000', 'Error parsing query', `QueryParserError: ${detail}`),
  queryInvalid: (detail: string) => fault('4001', 'Invalid query', detail),
  batchTooBig: (max: number, got: number) =>
    fault(
      '1040',
      'Batch size exceeds allowed limit',
      `Batch size exceeds allowed limit : ${got} items supplied; at most ${max} are allowed in one batch request.`,
    ),
  requestIdTooLong: (max: number) =>
    fault(
      '2050',
      'Invalid String Length',
      `String length specified does not match the supported length. Min:0 Max:${max} supported.`,
      'requestid',
    ),
  system: () =>
    new QboFault(
      [
        {
          Message: 'An application error has occurred while processing your request',
          Detail:
            'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again.',
          code: '10000',
          element: '',
        },
      ],
      'SystemFault',
      500,
    ),
}

function plural(entity: string): string {
  return entity.endsWith('s')
    ? `${entity}es`
    : entity.endsWith('y')
      ? `${entity.slice(0, -1)}ies`
      : `${entity}s`
}

/** The gateway's lower-case envelope for 401/403 (a different service from the API, so a different shape). */
export function gatewayFault(status: 401 | 403, nowMs: number): Record<string, unknown> {
  const [code, name, detail, type] =
    status === 401
      ? ['3200', 'AuthenticationFailed', 'Token expired or invalid', 'AUTHENTICATION']
      : [
          '3100',
          'ApplicationAuthorizationFailed',
          'The access token does not give access to this company',
          'AUTHORIZATION',
        ]
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [
        {message: `message=${name}; errorCode=00${code}; statusCode=${status}`, detail, code, element: null},
      ],
      type,
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: nowMs,
    status: null,
    cdcresponse: [],
  }
}

/** 429 bodies are XML even when JSON was asked for (python-quickbooks #43/#83, ruckus fixture). */
export function throttleXml(time: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${time}"><Fault type="SERVICE">` +
    `<Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>` +
    `<Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>`
  )
}
