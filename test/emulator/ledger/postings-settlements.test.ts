import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {amountText} from '../../../src/domain/money.js'
import {postBook} from '../../../src/emulator/qbo/ledger/index.js'
import {makeBook} from './company.js'
import {
  assertBalanced,
  bill,
  gstLine,
  invoice,
  type Json,
  net,
  postingsOf,
  taxDetail,
} from './transactions.js'

describe('payments', () => {
  const cm = invoice('140', {Line: [gstLine(50)], TxnTaxDetail: taxDetail(5, 50), TotalAmt: 55, Balance: 0})

  it('a payment applies invoices and credit memos and leaves the unapplied amount as an AR credit', () => {
    const payment = {
      Id: '160',
      TxnDate: '2024-07-20',
      CustomerRef: {value: '58'},
      TotalAmt: 200,
      UnappliedAmt: 35,
      Line: [
        {Amount: 220, LinkedTxn: [{TxnId: '130', TxnType: 'Invoice'}]},
        {Amount: 55, LinkedTxn: [{TxnId: '140', TxnType: 'CreditMemo'}]},
      ],
    }
    const postings = postingsOf({
      Invoice: [invoice('130', {Balance: 0})],
      CreditMemo: [cm],
      Payment: [payment],
    })
    const paymentOnly = postings.filter((p) => p.txn.type === 'Payment')
    // Undeposited Funds 200 = invoice 220 − credit memo 55 + unapplied 35.
    assert.deepEqual(net(paymentOnly), {'4': '200.00', '84': '-200.00'})
    const arLines = paymentOnly
      .filter((p) => p.accountId === '84')
      .map((p) => [amountText(p.debit), amountText(p.credit)])
    assert.deepEqual(arLines, [
      ['0.00', '220.00'],
      ['55.00', '0.00'],
      ['0.00', '35.00'],
    ])
  })

  it('a foreign payment relieves AR at the invoice rate and books the difference as exchange gain or loss', () => {
    const eurInvoice = invoice('150', {
      CustomerRef: {value: '60'},
      CurrencyRef: {value: 'EUR'},
      ExchangeRate: 1.6,
      Line: [gstLine(100)],
      TxnTaxDetail: taxDetail(10, 100),
      TotalAmt: 110,
    })
    const pay = (id: string, amount: number, rate: number) => ({
      Id: id,
      TxnDate: '2024-08-01',
      CustomerRef: {value: '60'},
      CurrencyRef: {value: 'EUR'},
      ExchangeRate: rate,
      DepositToAccountRef: {value: '35'},
      TotalAmt: amount,
      Line: [{Amount: amount, LinkedTxn: [{TxnId: '150', TxnType: 'Invoice'}]}],
    })
    const postings = postingsOf({
      Invoice: [eurInvoice],
      Payment: [pay('161', 33.33, 1.5), pay('162', 76.67, 1.7)],
    })
    // AR 176.00 at 1.6 is cleared exactly; cash 50.00 + 130.34; the rest is exchange gain/loss.
    // Payment 1: cash round(33.33 × 1.5) = 50.00 relieves 53.33 (loss 3.33); payment 2: 130.34 relieves 122.67.
    assert.deepEqual(net(postings), {'43': '-160.00', '90': '-16.00', '35': '180.34', '95': '-4.34'})
    assert.equal(net(postings)['84'], undefined, 'AR cleared to the cent')
  })

  it('a partial foreign payment at the invoice rate leaves its rounding cent in exchange gain or loss, not in AR', () => {
    const eurInvoice = invoice('150', {
      CustomerRef: {value: '60'},
      CurrencyRef: {value: 'EUR'},
      ExchangeRate: 1.6543,
    })
    eurInvoice.Line = [gstLine(588.5)]
    eurInvoice.TxnTaxDetail = taxDetail(0, 588.5)
    eurInvoice.TotalAmt = 588.5
    const payment = {
      Id: '164',
      TxnDate: '2024-08-01',
      CustomerRef: {value: '60'},
      CurrencyRef: {value: 'EUR'},
      ExchangeRate: 1.6543,
      TotalAmt: 5.89,
      Line: [{Amount: 5.89, LinkedTxn: [{TxnId: '150', TxnType: 'Invoice'}]}],
    }
    const postings = postingsOf({Invoice: [eurInvoice], Payment: [payment]})
    // AR: round(588.50 × 1.6543) − round(582.61 × 1.6543) = 973.56 − 963.81 = 9.75; cash round(5.89 × 1.6543) = 9.74.
    assert.deepEqual(net(postings.filter((p) => p.txn.type === 'Payment')), {
      '4': '9.74',
      '84': '-9.75',
      '95': '0.01',
    })
  })

  it('a company with an AR account per currency posts a EUR invoice and its payment to the EUR one', () => {
    const accounts = [
      ...makeBook({}).list('Account'),
      {
        Id: '85',
        Name: 'Accounts Receivable (A/R) - EUR',
        AccountType: 'Accounts Receivable',
        CurrencyRef: {value: 'EUR'},
      },
    ]
    const eurInvoice = invoice('150', {
      CustomerRef: {value: '60'},
      CurrencyRef: {value: 'EUR'},
      ExchangeRate: 2,
    })
    const payment = {
      Id: '163',
      TxnDate: '2024-08-01',
      CustomerRef: {value: '60'},
      CurrencyRef: {value: 'EUR'},
      ExchangeRate: 2,
      DepositToAccountRef: {value: '35'},
      TotalAmt: 100,
      Line: [{Amount: 100, LinkedTxn: [{TxnId: '150', TxnType: 'Invoice'}]}],
    }
    const {postings} = postBook(makeBook({Invoice: [eurInvoice], Payment: [payment]}, {accounts}))
    assertBalanced(postings)
    assert.deepEqual(net(postings), {'85': '240.00', '43': '-400.00', '90': '-40.00', '35': '200.00'})
  })

  it('a bill payment by cheque or card debits AP per bill, vendor credits reduce it', () => {
    const billPayment = (id: string, extra: Json) => ({
      Id: id,
      TxnDate: '2024-07-25',
      VendorRef: {value: '56'},
      TotalAmt: 100,
      Line: [
        {Amount: 150, LinkedTxn: [{TxnId: '151', TxnType: 'Bill'}]},
        {Amount: 50, LinkedTxn: [{TxnId: '152', TxnType: 'VendorCredit'}]},
      ],
      ...extra,
    })
    const postings = postingsOf({
      Bill: [bill('151')],
      VendorCredit: [bill('152')],
      BillPayment: [
        billPayment('170', {PayType: 'Check', CheckPayment: {BankAccountRef: {value: '35'}}}),
        billPayment('171', {PayType: 'CreditCard', CreditCardPayment: {CCAccountRef: {value: '41'}}}),
      ],
    })
    const byTxn = (id: string) => net(postings.filter((p) => p.txn.type === 'BillPayment' && p.txn.id === id))
    assert.deepEqual(byTxn('170'), {'35': '-100.00', '33': '100.00'})
    assert.deepEqual(byTxn('171'), {'41': '-100.00', '33': '100.00'})
  })
})

describe('banking and journals', () => {
  it('a deposit clears linked payments from Undeposited Funds and credits its other lines', () => {
    const payment = {Id: '160', TxnDate: '2024-07-20', CustomerRef: {value: '58'}, TotalAmt: 262, Line: []}
    const deposit = {
      Id: '180',
      TxnDate: '2024-07-21',
      DepositToAccountRef: {value: '35'},
      TotalAmt: 200,
      Line: [
        {Amount: 262, LinkedTxn: [{TxnId: '160', TxnType: 'Payment', TxnLineId: '0'}]},
        {
          Amount: -62,
          DetailType: 'DepositLineDetail',
          DepositLineDetail: {Entity: {value: '56', type: 'VENDOR'}, AccountRef: {value: '7'}},
        },
      ],
    }
    const postings = postingsOf({Payment: [payment], Deposit: [deposit]})
    assert.deepEqual(net(postings.filter((p) => p.txn.type === 'Deposit')), {
      '35': '200.00',
      '4': '-262.00',
      '7': '62.00',
    })
    assert.deepEqual(postings.find((p) => p.accountId === '7')?.entity, {type: 'Vendor', id: '56'})
  })

  it('a transfer moves money between accounts', () => {
    const postings = postingsOf({
      Transfer: [
        {
          Id: '190',
          TxnDate: '2024-07-01',
          FromAccountRef: {value: '35'},
          ToAccountRef: {value: '36'},
          Amount: 500,
        },
      ],
    })
    assert.deepEqual(net(postings), {'35': '-500.00', '36': '500.00'})
  })

  it('a journal posts its lines and line tax to the GST account on the same side', () => {
    const je = {
      Id: '200',
      TxnDate: '2024-06-30',
      Line: [
        {
          DetailType: 'JournalEntryLineDetail',
          Amount: 110,
          JournalEntryLineDetail: {PostingType: 'Debit', AccountRef: {value: '35'}},
        },
        {
          DetailType: 'JournalEntryLineDetail',
          Amount: 100,
          JournalEntryLineDetail: {
            PostingType: 'Credit',
            AccountRef: {value: '79'},
            TaxCodeRef: {value: '10'},
            TaxApplicableOn: 'Sales',
            TaxAmount: 10,
          },
        },
        {
          DetailType: 'JournalEntryLineDetail',
          Amount: 40,
          JournalEntryLineDetail: {
            PostingType: 'Debit',
            AccountRef: {value: '84'},
            Entity: {Type: 'Customer', EntityRef: {value: '58'}},
          },
        },
        {
          DetailType: 'JournalEntryLineDetail',
          Amount: 40,
          JournalEntryLineDetail: {PostingType: 'Credit', AccountRef: {value: '34'}},
        },
      ],
      TotalAmt: 0,
    }
    const postings = postingsOf({JournalEntry: [je]})
    assert.deepEqual(net(postings), {
      '35': '110.00',
      '79': '-100.00',
      '90': '-10.00',
      '84': '40.00',
      '34': '-40.00',
    })
    assert.deepEqual(postings.find((p) => p.accountId === '84')?.entity, {type: 'Customer', id: '58'})
  })

  it('a tax-inclusive journal line has its tax taken out of its gross Amount', () => {
    const je = {
      Id: '202',
      TxnDate: '2024-06-30',
      GlobalTaxCalculation: 'TaxInclusive',
      Line: [
        {
          DetailType: 'JournalEntryLineDetail',
          Amount: 110,
          TaxInclusiveAmt: 110,
          JournalEntryLineDetail: {
            PostingType: 'Debit',
            AccountRef: {value: '7'},
            TaxCodeRef: {value: '10'},
            TaxApplicableOn: 'Purchase',
            TaxAmount: 10,
          },
        },
        {
          DetailType: 'JournalEntryLineDetail',
          Amount: 110,
          JournalEntryLineDetail: {PostingType: 'Credit', AccountRef: {value: '35'}},
        },
      ],
    }
    assert.deepEqual(net(postingsOf({JournalEntry: [je]})), {'7': '100.00', '90': '10.00', '35': '-110.00'})
  })

  it('a journal that does not add up goes to a visible suspense account, never into a real one', () => {
    const je = {
      Id: '201',
      TxnDate: '2024-06-30',
      Line: [
        {
          DetailType: 'JournalEntryLineDetail',
          Amount: 100,
          JournalEntryLineDetail: {PostingType: 'Debit', AccountRef: {value: '35'}},
        },
        {
          DetailType: 'JournalEntryLineDetail',
          Amount: 90,
          JournalEntryLineDetail: {PostingType: 'Credit', AccountRef: {value: '79'}},
        },
      ],
    }
    assert.deepEqual(net(postingsOf({JournalEntry: [je]})), {
      '35': '100.00',
      '79': '-90.00',
      'ledger:Suspense': '-10.00',
    })
  })

  it('an account opening balance posts against Opening Balance Equity', () => {
    const book = makeBook({})
    const accounts = [
      ...book.list('Account'),
      {
        Id: '37',
        Name: 'Truck',
        AccountType: 'Fixed Asset',
        OpeningBalance: 13495,
        OpeningBalanceDate: '2024-01-01',
      },
    ]
    const {postings} = postBook(makeBook({}, {accounts}))
    assert.deepEqual(net(postings), {'37': '13495.00', '34': '-13495.00'})
  })

  it('the GST account is the GlobalTaxPayable one even when a GST Suspense account has a lower Id', () => {
    const accounts = [
      {
        Id: '3',
        Name: 'GST Suspense',
        AccountType: 'Other Current Liability',
        AccountSubType: 'GlobalTaxSuspense',
      },
      ...makeBook({})
        .list('Account')
        .map((a) => (a.Id === '90' ? {...a, Name: 'GST Liability'} : a)),
    ]
    const {postings} = postBook(makeBook({Invoice: [invoice('130')]}, {accounts}))
    assert.deepEqual(net(postings), {'84': '220.00', '43': '-200.00', '90': '-20.00'})
  })

  it('a company without a GST account gets a synthetic one rather than an unbalanced ledger', () => {
    const accounts = makeBook({})
      .list('Account')
      .filter((a) => a.Id !== '90')
    const {postings, chart} = postBook(makeBook({Invoice: [invoice('130')]}, {accounts}))
    assertBalanced(postings)
    assert.deepEqual(net(postings), {'84': '220.00', '43': '-200.00', 'ledger:Tax': '-20.00'})
    assert.equal(chart.get('ledger:Tax').name, 'GST Payable (emulator)')
  })
})
