// The accountant's workbooks before a load: the dry-run preview and the mapping workbook.
export {writePreviewWorkbook, type PreviewMeta} from './preview/write.js'
export {PREVIEW_CELLS, PREVIEW_ENTITY_HEADER_ROW} from './preview/summary.js'
