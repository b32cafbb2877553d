// Supplier price lists → Item.PurchaseCost (docs/prices.md): diff, apply, profiles, the code table, audit.
// The commands and the dashboard call these same functions.
export {createPriceDiff, type DiffDeps, type DiffInput} from './diff.js'
export {applyPriceDiff, type ApplyDeps, type ApplyInput, type ApplyResult, type ApplyLine} from './apply.js'
export {diffView, listDiffs, type DiffView, type DiffSummary, type ViewLine} from './view.js'
export {listProfiles, getProfile, saveProfile, deleteProfile, resolveProfile} from './profiles.js'
export {listCodes, setCode, deleteCode, importCodes, findItem, type CodesImport} from './codes.js'
export {auditCsv} from './audit.js'
export {clientPricesQbo, toSnapshot, vendorNamed, type PricesQbo, type Vendor} from './qbo.js'
export {PRICES_JOB} from './writes.js'
