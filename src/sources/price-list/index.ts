// Reading supplier price lists (CSV, XLSX): no QBO knowledge here; the diff is mappers/price-list/.
export {readPriceList, readPriceSheets, type PriceFile} from './read.js'
export {readSheets, priceFileType, PRICE_FILE_EXTENSIONS, type Sheet, type PriceFileType} from './sheets.js'
export {guessLayout, type LayoutGuess} from './layout.js'
export {parsePrice, parsePackSize, placeholderIn, codeText, cellText} from './cells.js'
