/**
 * The bad-input corpus: one broken file per case, with the error it must produce. Each file is written next
 * to a good chart of accounts, so the tests also prove the good file still stages.
 */
import iconv from 'iconv-lite'

export interface BadCase {
  name: string
  source: 'xero-csv' | 'myob'
  file: string
  content: string | Buffer
  expect: {line: number | null; column: string | null; reason: RegExp}
}

const H =
  'ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,TaxTotal,Description,Quantity,UnitAmount,LineAmount,AccountCode,TaxType,TaxAmount,Currency,Type'
const row = (over: Partial<Record<string, string>> = {}) => {
  const v: Record<string, string> = {
    ContactName: 'Acme',
    InvoiceNumber: 'INV-1',
    InvoiceDate: '15/07/2024',
    DueDate: '14/08/2024',
    Total: '110.00',
    TaxTotal: '10.00',
    Description: 'Work',
    Quantity: '1',
    UnitAmount: '100.00',
    LineAmount: '100.00',
    AccountCode: '200',
    TaxType: 'GST on Income',
    TaxAmount: '10.00',
    Currency: 'AUD',
    Type: 'Sales invoice',
    ...over,
  }
  return H.split(',')
    .map((k) => v[k] ?? '')
    .join(',')
}
const SPEND =
  'Cheque Account\tCheque #\tDate\tInclusive\tCo./Last Name\tFirst Name\tMemo\tAllocation Account #\tEx-Tax Amount\tInc-Tax Amount\tTax Code\tTax Amount\tImport Duty Amount'
const RECEIVE = 'Deposit Account\tID #\tDate\tCo./Last Name\tAllocation Account #\tEx-Tax Amount\tTax Code'
const doc = (...rows: string[]) => [H, ...rows].join('\r\n') + '\r\n'
const JH = '*Narration,*Date,Description,*AccountCode,*TaxRate,*Amount'
const MH =
  'Co./Last Name\tFirst Name\tInclusive\tInvoice #\tDate\tItem Number\tQuantity\tDescription\tPrice\tTotal\tTax Code\tGST Amount\tSale Status'

export const GOOD_XERO = {
  file: 'coa.csv',
  content: '*Code,*Name,*Type,*Tax Code\r\n200,Sales,Revenue,GST on Income\r\n',
}
export const GOOD_MYOB = {
  file: 'accounts.txt',
  content: [
    '{}',
    'Account Number\tAccount Name\tAccount Type\tHeader',
    '6-0000\tExpenses\tExpense\tH',
    '1-1110\tBank\tBank\t',
    '2-1000\tAccruals\tOther Current Liability\t',
    '4-1000\tSales\tIncome\t',
    '4-2000\tOther Sales\tIncome\t',
    '6-1000\tAdvertising\tExpense\t',
    '',
  ].join('\r\n'),
}

export const BAD_CASES: BadCase[] = [
  // Issue 14, finding 8: refused at extract, with file, line and column, and nothing staged.
  {
    name: 'MYOB row with fewer fields than its header (a line cut short)',
    source: 'myob',
    file: 'itemsale.txt',
    content: `{}\r\n${MH}\r\nSmith\tJohn\t\t00000001\t1/07/2020\tWID\t1\tWidget\t$10.00\t$10.00\r\n\r\n`,
    expect: {line: 3, column: 'Tax Code', reason: /the row has 10 fields but the header has 13/},
  },
  {
    name: 'MYOB row with more fields than its header, the extra ones empty (a stray tab)',
    source: 'myob',
    file: 'itemsale.txt',
    content: `{}\r\n${MH}\r\nSmith\tJohn\t\t00000001\t1/07/2020\tWID\t1\tWid\tget\t$10.00\t$10.00\tGST\t$1.00\t\r\n\r\n`,
    expect: {line: 3, column: '#14', reason: /the row has 14 fields but the header has 13/},
  },
  {
    name: 'MYOB money with thousands separators in the wrong places',
    source: 'myob',
    file: 'itemsale.txt',
    content: `{}\r\n${MH}\r\nSmith\tJohn\t\t00000001\t1/07/2020\tWID\t1\tWidget\t$12,34.50\t$12,34.50\tGST\t$1.00\tI\r\n\r\n`,
    expect: {line: 3, column: 'Total', reason: /unparsable amount "\$12,34\.50"/},
  },
  {
    name: 'Xero amount with thousands separators in the wrong places',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row({UnitAmount: '"1,00.00"'})),
    expect: {line: 2, column: 'UnitAmount', reason: /unparsable amount "1,00\.00"/},
  },
  {
    name: 'MYOB journal line posting to a header account',
    source: 'myob',
    file: 'general.txt',
    content:
      'Journal Number\tDate\tMemo\tAccount Number\tDebit Amount\tCredit Amount\r\nGJ1\t30/06/2020\tYear end\t6-0000\t$100.00\t\r\nGJ1\t30/06/2020\tYear end\t2-1000\t\t$100.00\r\n\r\n',
    expect: {line: 2, column: 'Account Number', reason: /account 6-0000 \(Expenses\) is a header account/},
  },
  {
    name: 'Xero document naming an account code the chart beside it lacks',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row({AccountCode: '210'})),
    expect: {
      line: 2,
      column: 'AccountCode',
      reason: /account code "210" is not in the chart of accounts exported beside it/,
    },
  },
  {
    name: 'Xero journal naming an account code the chart beside it lacks',
    source: 'xero-csv',
    file: 'journal.csv',
    content: `${JH}\r\nAccrual,30/06/2024,,200,BAS Excluded,100.00\r\nAccrual,30/06/2024,,850,BAS Excluded,-100.00\r\n`,
    expect: {line: 3, column: '*AccountCode', reason: /account code "850" is not in the chart/},
  },
  {
    name: 'Xero sales export without its InvoiceNumber column',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row(), row({ContactName: 'Beta'})).replace('InvoiceNumber,', 'Invoice,'),
    expect: {line: 1, column: 'InvoiceNumber', reason: /missing required column "InvoiceNumber"/},
  },
  {
    name: 'invalid date',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row({InvoiceDate: '31/02/2024'})),
    expect: {line: 2, column: 'InvoiceDate', reason: /invalid date "31\/02\/2024"/},
  },
  {
    name: 'missing required column',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row()).replace('InvoiceDate,', 'Whatever,'),
    expect: {line: 1, column: 'InvoiceDate', reason: /missing required column "InvoiceDate"/},
  },
  {
    name: 'unparsable amount',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row({UnitAmount: '1O0.00'})),
    expect: {line: 2, column: 'UnitAmount', reason: /unparsable amount "1O0.00"/},
  },
  {
    name: 'unbalanced journal',
    source: 'xero-csv',
    file: 'journal.csv',
    content: `${JH}\r\nAccrual,30/06/2024,,200,BAS Excluded,100.00\r\nAccrual,30/06/2024,,200,BAS Excluded,-99.00\r\n`,
    expect: {
      line: 2,
      column: '*Amount',
      reason: /unbalanced journal "Accrual": debits and credits differ by 1.00/,
    },
  },
  {
    name: 'unknown tax rate name',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row({TaxType: 'GST on Everything'})),
    expect: {line: 2, column: 'TaxType', reason: /unknown tax rate name "GST on Everything"/},
  },
  {
    name: 'truncated quote',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row(), row({InvoiceNumber: 'INV-2', Description: '"Work, unfinished'})),
    expect: {line: 3, column: null, reason: /truncated quote/},
  },
  {
    name: 'wrong delimiter',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row()).replace(/,/g, ';'),
    expect: {line: 1, column: null, reason: /wrong delimiter: the header row is separated by a semicolon/},
  },
  {
    name: 'undecodable text (UTF-16 without a byte-order mark)',
    source: 'xero-csv',
    file: 'sales.csv',
    content: iconv.encode(doc(row()), 'utf16le'),
    expect: {line: 1, column: null, reason: /undecodable text/},
  },
  {
    name: 'conflicting header fields inside one document',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(
      row({Total: '220.00', TaxTotal: '20.00'}),
      row({Total: '220.00', TaxTotal: '20.00', InvoiceDate: '16/07/2024'}),
    ),
    expect: {line: 3, column: 'InvoiceDate', reason: /conflicting header field inside one document/},
  },
  {
    name: 'document lines that do not make its total',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row({Total: '120.00'})),
    expect: {line: 2, column: 'Total', reason: /do not make the Total 120.00/},
  },
  {
    name: 'rows of one document split apart',
    source: 'xero-csv',
    file: 'sales.csv',
    // The import-template layout (no Total column), so each part would build on its own.
    content:
      'ContactName,InvoiceNumber,InvoiceDate,Description,Quantity,UnitAmount,AccountCode,TaxType\r\n' +
      'Acme,INV-1,15/07/2024,Work,1,100.00,200,GST on Income\r\n' +
      'Beta,INV-2,15/07/2024,Work,1,50.00,200,GST on Income\r\n' +
      'Acme,INV-1,15/07/2024,More work,1,20.00,200,GST on Income\r\n',
    expect: {line: 4, column: 'InvoiceNumber', reason: /are not together/},
  },
  {
    name: 'a row with more fields than the header (unquoted comma)',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row({Description: 'Work, more work'})),
    expect: {line: 2, column: '#16', reason: /the row has 16 fields but the header has 15/},
  },
  {
    name: 'a date in the other day/month order than the rest of the file',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row({InvoiceDate: '15/07/2024'}), row({InvoiceNumber: 'INV-2', InvoiceDate: '07/15/2024'})),
    expect: {line: 3, column: 'InvoiceDate', reason: /invalid date "07\/15\/2024" \(expected DD\/MM\/YYYY\)/},
  },
  {
    name: 'missing contact name',
    source: 'xero-csv',
    file: 'sales.csv',
    content: doc(row({ContactName: ''})),
    expect: {line: 2, column: 'ContactName', reason: /missing contact name/},
  },
  {
    name: 'MYOB unknown tax code',
    source: 'myob',
    file: 'itemsale.txt',
    content: `{}\r\n${MH}\r\nSmith\tJohn\t\t00000001\t1/07/2020\tWID\t1\tWidget\t$10.00\t$10.00\tXYZ\t$.00\tI\r\n\r\n`,
    expect: {line: 3, column: 'Tax Code', reason: /unknown tax code "XYZ"/},
  },
  {
    name: 'MYOB unparsable money',
    source: 'myob',
    file: 'itemsale.txt',
    content: `{}\r\n${MH}\r\nSmith\tJohn\t\t00000001\t1/07/2020\tWID\t1\tWidget\t$10.00\t$1O.00\tGST\t$1.00\tI\r\n\r\n`,
    expect: {line: 3, column: 'Total', reason: /unparsable amount "\$1O.00"/},
  },
  {
    name: 'MYOB unbalanced general journal',
    source: 'myob',
    file: 'general.txt',
    content:
      'Journal Number\tDate\tMemo\tAccount Number\tDebit Amount\tCredit Amount\r\nGJ1\t30/06/2020\tYear end\t6-1000\t$100.00\t\r\nGJ1\t30/06/2020\tYear end\t2-1000\t\t$90.00\r\n\r\n',
    expect: {line: 2, column: 'Debit Amount', reason: /unbalanced journal GJ1/},
  },
  {
    name: 'MYOB text that is neither UTF-8 nor windows-1252',
    source: 'myob',
    file: 'accounts2.txt',
    content: Buffer.concat([
      Buffer.from('Account Number\tAccount Name\r\n1-1000\tBank '),
      Buffer.from([0x81, 0x8d]),
      Buffer.from('\r\n'),
    ]),
    expect: {line: null, column: null, reason: /undecodable text/},
  },
  {
    name: 'MYOB spend money with import duty',
    source: 'myob',
    file: 'spend.txt',
    content: `{}\r\n${SPEND}\r\n1-1110\t101\t3/07/2020\t\tCustoms\t\tDuty\t6-1000\t$100.00\t$110.00\tGST\t$10.00\t$25.00\r\n\r\n`,
    expect: {line: 3, column: 'Import Duty Amount', reason: /import duty 25.00 cannot be migrated/},
  },
  {
    name: 'MYOB receive money whose rows disagree on the card',
    source: 'myob',
    file: 'receive.txt',
    content: `${RECEIVE}\r\n1-1110\tCR1\t3/07/2020\tSmith\t4-1000\t$10.00\tGST\r\n1-1110\tCR1\t3/07/2020\tJones\t4-2000\t$5.00\tGST\r\n\r\n`,
    expect: {line: 3, column: 'Co./Last Name', reason: /conflicting header field inside one transaction/},
  },
  {
    name: 'Xero bank statement (not ledger data)',
    source: 'xero-csv',
    file: 'statement.csv',
    content: '*Date,*Amount,Payee,Description,Reference,Cheque Number\r\n01/07/2024,-55.00,Bolt,Ads,,\r\n',
    expect: {
      line: 1,
      column: null,
      reason: /a bank statement CSV: statement lines are not ledger transactions/,
    },
  },
  {
    // The Trial Balance and aged summaries are read as source reports (src/sources/reports/); other reports not.
    name: 'Xero report export',
    source: 'xero-csv',
    file: 'Profit and Loss.csv',
    content:
      'Profit and Loss\r\nDemo Co\r\nFor the year ended 30 June 2024\r\n\r\nAccount,Total\r\nSales (200),1000.00\r\n',
    expect: {
      line: 1,
      column: null,
      reason: /a Xero report export \("Profit and Loss"\): reports are not migrated/,
    },
  },
  {
    name: 'MYOB inventory adjustments (not migrated)',
    source: 'myob',
    file: 'adjust.txt',
    content:
      '{}\r\nDate\tInventory Journal #\tMemo\tItem Number\tQuantity\tUnit Cost\tAmount\tAccount #\r\n1/07/2023\tIJ000001\tStocktake\tWID\t-2\t$10.00\t-$20.00\t5-1000\r\n',
    expect: {
      line: 2,
      column: null,
      reason: /a MYOB Inventory Adjustments export: stock adjustments are not migrated/,
    },
  },
  {
    name: 'a Xero export given to the MYOB extract',
    source: 'myob',
    file: 'journals.csv',
    content:
      '*Narration,*Date,Description,*AccountCode,*TaxRate,*Amount\r\nAccrual,30/06/2024,Wages,477,BAS Excluded,100.00\r\n',
    expect: {line: 1, column: null, reason: /a Xero CSV export, which this extract does not read/},
  },
]
