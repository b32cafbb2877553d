/**
 * The properties of each Accounting API type, from Xero's OpenAPI spec (XeroAPI/Xero-OpenAPI
 * xero_accounting.yaml v16.1.0, components.schemas). A `where` or `order` naming anything else is refused as
 * Xero refuses it ("No property or field 'X' exists in type 'Invoice'"), unless the served company's own
 * records carry the field.
 */
export const XERO_TYPES: Record<string, {type: string; properties: readonly string[]}> = {
  Organisations: {
    type: 'Organisation',
    properties:
      'OrganisationID APIKey Name LegalName PaysTax Version OrganisationType BaseCurrency CountryCode IsDemoCompany OrganisationStatus RegistrationNumber EmployerIdentificationNumber TaxNumber FinancialYearEndDay FinancialYearEndMonth SalesTaxBasis SalesTaxPeriod DefaultSalesTax DefaultPurchasesTax PeriodLockDate EndOfYearLockDate CreatedDateUTC Timezone OrganisationEntityType ShortCode Class Edition LineOfBusiness Addresses Phones ExternalLinks PaymentTerms'.split(
        ' ',
      ),
  },
  Accounts: {
    type: 'Account',
    properties:
      'Code Name AccountID Type BankAccountNumber Status Description BankAccountType CurrencyCode TaxType EnablePaymentsToAccount ShowInExpenseClaims Class SystemAccount ReportingCode ReportingCodeName HasAttachments UpdatedDateUTC AddToWatchlist ValidationErrors'.split(
        ' ',
      ),
  },
  TaxRates: {
    type: 'TaxRate',
    properties:
      'Name TaxType TaxComponents Status ReportTaxType CanApplyToAssets CanApplyToEquity CanApplyToExpenses CanApplyToLiabilities CanApplyToRevenue DisplayTaxRate EffectiveRate'.split(
        ' ',
      ),
  },
  TrackingCategories: {
    type: 'TrackingCategory',
    properties: 'TrackingCategoryID TrackingOptionID Name Option Status Options'.split(' '),
  },
  Contacts: {
    type: 'Contact',
    properties:
      'ContactID MergedToContactID ContactNumber AccountNumber ContactStatus Name FirstName LastName CompanyNumber EmailAddress ContactPersons BankAccountDetails TaxNumber TaxNumberType AccountsReceivableTaxType AccountsPayableTaxType Addresses Phones IsSupplier IsCustomer SalesDefaultLineAmountType PurchasesDefaultLineAmountType DefaultCurrency XeroNetworkKey SalesDefaultAccountCode PurchasesDefaultAccountCode SalesTrackingCategories PurchasesTrackingCategories TrackingCategoryName TrackingCategoryOption PaymentTerms UpdatedDateUTC ContactGroups Website BrandingTheme BatchPayments Discount Balances Attachments HasAttachments ValidationErrors HasValidationErrors StatusAttributeString'.split(
        ' ',
      ),
  },
  Items: {
    type: 'Item',
    properties:
      'Code InventoryAssetAccountCode Name IsSold IsPurchased Description PurchaseDescription PurchaseDetails SalesDetails IsTrackedAsInventory TotalCostPool QuantityOnHand UpdatedDateUTC ItemID StatusAttributeString ValidationErrors'.split(
        ' ',
      ),
  },
  Invoices: {
    type: 'Invoice',
    properties:
      'Type Contact LineItems Date DueDate LineAmountTypes InvoiceNumber Reference BrandingThemeID Url CurrencyCode CurrencyRate Status SentToContact ExpectedPaymentDate PlannedPaymentDate CISDeduction CISRate SubTotal TotalTax Total TotalDiscount InvoiceID RepeatingInvoiceID HasAttachments IsDiscounted Payments Prepayments Overpayments AmountDue AmountPaid FullyPaidOnDate AmountCredited UpdatedDateUTC UpdatedDateUTCString CreditNotes Attachments HasErrors StatusAttributeString ValidationErrors Warnings InvoiceAddresses'.split(
        ' ',
      ),
  },
  CreditNotes: {
    type: 'CreditNote',
    properties:
      'Type Contact Date DueDate Status LineAmountTypes LineItems SubTotal TotalTax Total CISDeduction CISRate UpdatedDateUTC UpdatedDateUTCString CurrencyCode FullyPaidOnDate CreditNoteID CreditNoteNumber Reference SentToContact CurrencyRate RemainingCredit Allocations AppliedAmount Payments BrandingThemeID StatusAttributeString HasAttachments HasErrors ValidationErrors Warnings InvoiceAddresses'.split(
        ' ',
      ),
  },
  Payments: {
    type: 'Payment',
    properties:
      'Invoice CreditNote Prepayment Overpayment InvoiceNumber CreditNoteNumber BatchPayment Account Code Date CurrencyRate Amount BankAmount Reference IsReconciled Status PaymentType UpdatedDateUTC UpdatedDateUTCString PaymentID BatchPaymentID BankAccountNumber Particulars Details HasAccount HasValidationErrors StatusAttributeString ValidationErrors Warnings'.split(
        ' ',
      ),
  },
  Overpayments: {
    type: 'Overpayment',
    properties:
      'Type Contact Date Status LineAmountTypes LineItems SubTotal TotalTax Total UpdatedDateUTC UpdatedDateUTCString CurrencyCode OverpaymentID CurrencyRate RemainingCredit Allocations AppliedAmount Payments HasAttachments Reference Attachments'.split(
        ' ',
      ),
  },
  Prepayments: {
    type: 'Prepayment',
    properties:
      'Type Contact Date Status LineAmountTypes LineItems SubTotal TotalTax Total Reference InvoiceNumber UpdatedDateUTC UpdatedDateUTCString CurrencyCode PrepaymentID BrandingThemeID CurrencyRate RemainingCredit Allocations Payments AppliedAmount HasAttachments Attachments'.split(
        ' ',
      ),
  },
  ManualJournals: {
    type: 'ManualJournal',
    properties:
      'Narration JournalLines Date LineAmountTypes Status Url ShowOnCashBasisReports HasAttachments UpdatedDateUTC ManualJournalID StatusAttributeString Warnings ValidationErrors Attachments'.split(
        ' ',
      ),
  },
  BankTransactions: {
    type: 'BankTransaction',
    properties:
      'Type Contact LineItems BankAccount IsReconciled Date Reference CurrencyCode CurrencyRate Url Status LineAmountTypes SubTotal TotalTax Total BankTransactionID PrepaymentID OverpaymentID UpdatedDateUTC HasAttachments StatusAttributeString ValidationErrors'.split(
        ' ',
      ),
  },
  BankTransfers: {
    type: 'BankTransfer',
    properties:
      'FromBankAccount ToBankAccount Amount Date BankTransferID CurrencyRate FromBankTransactionID ToBankTransactionID FromIsReconciled ToIsReconciled Reference HasAttachments CreatedDateUTC Status FromTracking ToTracking ValidationErrors'.split(
        ' ',
      ),
  },
}
