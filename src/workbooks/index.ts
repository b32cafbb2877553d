// The accountant's workbooks before a load: the dry-run preview and the mapping workbook.
export {writePreviewWorkbook, type PreviewMeta} from './preview/write.js'
export {PREVIEW_CELLS, PREVIEW_ENTITY_HEADER_ROW} from './preview/summary.js'
export {writeMappingWorkbook} from './mapping/write.js'
export {readMappingWorkbook} from './mapping/read.js'
export type {CellProblem} from './mapping/cells.js'
export {DO_NOT_MIGRATE, NOT_MIGRATED, SHEETS as MAPPING_SHEETS} from './mapping/layout.js'
export type {MappingExportInput, MappingSubject} from './mapping/suggest.js'
export {writePriceDiffWorkbook} from './price-diff.js'
