export {XeroApiAdapter, type XeroApiAdapterOptions} from './adapter.js'
export {RESUME_COMMAND} from './failures.js'
export {type XeroEndpoints, xeroEndpoints, type XeroTokenSource} from './token-source.js'
