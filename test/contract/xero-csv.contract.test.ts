import {fileURLToPath} from 'node:url'

import {xeroCsvAdapter} from '../../src/sources/xero-csv/adapter.js'
import {runAdapterContract} from './adapter-contract.js'

const DEMO = fileURLToPath(new URL('../../fixtures/demo/xero-csv/', import.meta.url))

runAdapterContract('xero-csv (demo company)', () => xeroCsvAdapter({path: DEMO}), {
  expectKinds: [
    'account',
    'contact',
    'item',
    'invoice',
    'creditNote',
    'bill',
    'supplierCredit',
    'manualJournal',
    'taxRate',
    'trackingCategory',
  ],
})
