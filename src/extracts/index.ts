// Data extracts out of QBO (read-only): reports, queries and changes to CSV, xlsx or JSON Lines.
export {reportToFile, extractReport, type ReportFileResult, type ReportExtract} from './extract-report.js'
export {queryToFile, type QueryFileResult} from './extract-query.js'
export {changesToFile, type ChangesFileResult} from './extract-changes.js'
export {runDefinitionFile, type RunResult, type ExtractSources} from './definitions/run.js'
export {fetchReport, type ReportSource} from './report/fetch.js'
export {parseParamFlags, type ReportOptions} from './report/params.js'
export {runQuery, type QuerySource} from './query/run-query.js'
export {readChanges, resolveSince, type CdcSource} from './changes.js'
