import {fileURLToPath} from 'node:url'

import {myobAdapter} from '../../src/sources/myob/adapter.js'
import {runAdapterContract} from './adapter-contract.js'

const DEMO = fileURLToPath(new URL('../../fixtures/demo/myob/', import.meta.url))

runAdapterContract('myob (demo company)', () => myobAdapter({path: DEMO}), {
  expectKinds: [
    'account',
    'contact',
    'item',
    'invoice',
    'creditNote',
    'bill',
    'supplierCredit',
    'payment',
    'billPayment',
    'manualJournal',
    'taxRate',
  ],
})
