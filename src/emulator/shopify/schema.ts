import {buildSchema, type GraphQLSchema} from 'graphql'

/** The Admin API versions the emulator answers; the sync pins the first one it knows (docs/shopify.md). */
export const SUPPORTED_VERSIONS = ['2025-07', '2025-10', '2026-01', '2026-04'] as const

/**
 * The subset of Shopify's Admin GraphQL schema the sync reads, with every type, field and argument spelled
 * as in the published SDL (checked against 2026-01: `scripts/check-shopify-schema.ts`). Fields are a
 * subset; each one present has the published type. A query for anything else is refused as Shopify
 * refuses an unknown field ("Field 'x' doesn't exist on type 'Order'").
 */
export const SDL = /* GraphQL */ `
  schema {
    query: QueryRoot
  }

  scalar DateTime
  scalar Decimal
  scalar Money
  scalar UnsignedInt64

  type QueryRoot {
    shop: Shop!
    order(id: ID!): Order
    refund(id: ID!): Refund
    orders(
      after: String
      before: String
      first: Int
      last: Int
      query: String
      reverse: Boolean = false
      sortKey: OrderSortKeys = PROCESSED_AT
    ): OrderConnection!
  }

  type Shop {
    id: ID!
    name: String!
    myshopifyDomain: String!
    currencyCode: CurrencyCode!
    ianaTimezone: String!
  }

  enum CurrencyCode {
    AUD
    CAD
    EUR
    GBP
    JPY
    NZD
    USD
  }

  enum OrderSortKeys {
    CREATED_AT
    CURRENT_TOTAL_PRICE
    CUSTOMER_NAME
    DESTINATION
    FINANCIAL_STATUS
    FULFILLMENT_STATUS
    ID
    ORDER_NUMBER
    PO_NUMBER
    PROCESSED_AT
    RELEVANCE
    TOTAL_ITEMS_QUANTITY
    TOTAL_PRICE
    UPDATED_AT
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }

  type OrderConnection {
    edges: [OrderEdge!]!
    nodes: [Order!]!
    pageInfo: PageInfo!
  }
  type OrderEdge {
    cursor: String!
    node: Order!
  }

  type MoneyV2 {
    amount: Decimal!
    currencyCode: CurrencyCode!
  }
  type MoneyBag {
    presentmentMoney: MoneyV2!
    shopMoney: MoneyV2!
  }

  enum OrderDisplayFinancialStatus {
    PENDING
    AUTHORIZED
    PARTIALLY_PAID
    PARTIALLY_REFUNDED
    VOIDED
    PAID
    REFUNDED
    EXPIRED
  }

  type Order {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
    createdAt: DateTime!
    processedAt: DateTime!
    updatedAt: DateTime!
    cancelledAt: DateTime
    test: Boolean!
    currencyCode: CurrencyCode!
    presentmentCurrencyCode: CurrencyCode!
    taxesIncluded: Boolean!
    taxExempt: Boolean!
    edited: Boolean!
    fullyPaid: Boolean!
    unpaid: Boolean!
    displayFinancialStatus: OrderDisplayFinancialStatus
    totalPriceSet: MoneyBag!
    subtotalPriceSet: MoneyBag
    totalTaxSet: MoneyBag
    totalDiscountsSet: MoneyBag
    totalShippingPriceSet: MoneyBag!
    currentTotalPriceSet: MoneyBag!
    currentSubtotalPriceSet: MoneyBag!
    currentTotalTaxSet: MoneyBag!
    currentTotalDiscountsSet: MoneyBag!
    currentShippingPriceSet: MoneyBag!
    currentTotalDutiesSet: MoneyBag
    currentTotalAdditionalFeesSet: MoneyBag
    totalReceivedSet: MoneyBag!
    totalRefundedSet: MoneyBag!
    netPaymentSet: MoneyBag!
    totalOutstandingSet: MoneyBag!
    totalTipReceivedSet: MoneyBag!
    lineItems(
      after: String
      before: String
      first: Int
      last: Int
      reverse: Boolean = false
    ): LineItemConnection!
    shippingLines(
      after: String
      before: String
      first: Int
      includeRemovals: Boolean = false
      last: Int
      reverse: Boolean = false
    ): ShippingLineConnection!
    transactions(capturable: Boolean, first: Int, manuallyResolvable: Boolean): [OrderTransaction!]!
    refunds(first: Int): [Refund!]!
  }

  type LineItemConnection {
    edges: [LineItemEdge!]!
    nodes: [LineItem!]!
    pageInfo: PageInfo!
  }
  type LineItemEdge {
    cursor: String!
    node: LineItem!
  }

  type LineItem {
    id: ID!
    sku: String
    title: String!
    name: String!
    quantity: Int!
    currentQuantity: Int!
    refundableQuantity: Int!
    taxable: Boolean!
    isGiftCard: Boolean!
    requiresShipping: Boolean!
    originalUnitPriceSet: MoneyBag!
    originalTotalSet: MoneyBag!
    discountedUnitPriceSet: MoneyBag!
    totalDiscountSet: MoneyBag!
    discountAllocations: [DiscountAllocation!]!
    taxLines(first: Int): [TaxLine!]!
  }

  type TaxLine {
    priceSet: MoneyBag!
    rate: Float
    ratePercentage: Float
    title: String!
  }

  type DiscountAllocation {
    allocatedAmountSet: MoneyBag!
    discountApplication: DiscountApplication!
  }

  enum DiscountApplicationAllocationMethod {
    ACROSS
    EACH
    ONE
  }
  enum DiscountApplicationTargetSelection {
    ALL
    ENTITLED
    EXPLICIT
  }
  enum DiscountApplicationTargetType {
    LINE_ITEM
    SHIPPING_LINE
  }

  interface DiscountApplication {
    allocationMethod: DiscountApplicationAllocationMethod!
    index: Int!
    targetSelection: DiscountApplicationTargetSelection!
    targetType: DiscountApplicationTargetType!
  }

  type DiscountCodeApplication implements DiscountApplication {
    allocationMethod: DiscountApplicationAllocationMethod!
    code: String!
    index: Int!
    targetSelection: DiscountApplicationTargetSelection!
    targetType: DiscountApplicationTargetType!
  }

  type ManualDiscountApplication implements DiscountApplication {
    allocationMethod: DiscountApplicationAllocationMethod!
    description: String
    index: Int!
    targetSelection: DiscountApplicationTargetSelection!
    targetType: DiscountApplicationTargetType!
    title: String!
  }

  type AutomaticDiscountApplication implements DiscountApplication {
    allocationMethod: DiscountApplicationAllocationMethod!
    index: Int!
    targetSelection: DiscountApplicationTargetSelection!
    targetType: DiscountApplicationTargetType!
    title: String!
  }

  type ScriptDiscountApplication implements DiscountApplication {
    allocationMethod: DiscountApplicationAllocationMethod!
    index: Int!
    targetSelection: DiscountApplicationTargetSelection!
    targetType: DiscountApplicationTargetType!
    title: String!
  }

  type ShippingLineConnection {
    edges: [ShippingLineEdge!]!
    nodes: [ShippingLine!]!
    pageInfo: PageInfo!
  }
  type ShippingLineEdge {
    cursor: String!
    node: ShippingLine!
  }

  type ShippingLine {
    id: ID
    title: String!
    code: String
    isRemoved: Boolean!
    originalPriceSet: MoneyBag!
    discountedPriceSet: MoneyBag!
    currentDiscountedPriceSet: MoneyBag!
    discountAllocations: [DiscountAllocation!]!
    taxLines: [TaxLine!]!
  }

  enum OrderTransactionKind {
    SALE
    CAPTURE
    AUTHORIZATION
    VOID
    REFUND
    CHANGE
    EMV_AUTHORIZATION
    SUGGESTED_REFUND
  }
  enum OrderTransactionStatus {
    SUCCESS
    FAILURE
    PENDING
    ERROR
    AWAITING_RESPONSE
    UNKNOWN
  }

  type OrderTransaction {
    id: ID!
    kind: OrderTransactionKind!
    status: OrderTransactionStatus!
    gateway: String
    formattedGateway: String
    amountSet: MoneyBag!
    createdAt: DateTime!
    processedAt: DateTime
    parentTransaction: OrderTransaction
    settlementCurrency: CurrencyCode
    settlementCurrencyRate: Decimal
    test: Boolean!
  }

  type OrderTransactionConnection {
    edges: [OrderTransactionEdge!]!
    nodes: [OrderTransaction!]!
    pageInfo: PageInfo!
  }
  type OrderTransactionEdge {
    cursor: String!
    node: OrderTransaction!
  }

  enum RefundLineItemRestockType {
    RETURN
    CANCEL
    LEGACY_RESTOCK
    NO_RESTOCK
  }
  enum OrderAdjustmentDiscrepancyReason {
    RESTOCK
    DAMAGE
    CUSTOMER
    REFUND_DISCREPANCY
    FULL_RETURN_BALANCING_ADJUSTMENT
    PENDING_REFUND_DISCREPANCY
  }

  type Refund {
    id: ID!
    legacyResourceId: UnsignedInt64!
    createdAt: DateTime
    processedAt: DateTime!
    updatedAt: DateTime!
    note: String
    totalRefundedSet: MoneyBag!
    refundLineItems(
      after: String
      before: String
      first: Int
      last: Int
      reverse: Boolean = false
    ): RefundLineItemConnection!
    refundShippingLines(
      after: String
      before: String
      first: Int
      last: Int
      reverse: Boolean = false
    ): RefundShippingLineConnection!
    orderAdjustments(
      after: String
      before: String
      first: Int
      last: Int
      reverse: Boolean = false
    ): OrderAdjustmentConnection!
    transactions(
      after: String
      before: String
      first: Int
      last: Int
      reverse: Boolean = false
    ): OrderTransactionConnection!
  }

  type RefundLineItem {
    id: ID
    lineItem: LineItem!
    quantity: Int!
    restockType: RefundLineItemRestockType!
    restocked: Boolean!
    priceSet: MoneyBag!
    subtotalSet: MoneyBag!
    totalTaxSet: MoneyBag!
  }
  type RefundLineItemConnection {
    edges: [RefundLineItemEdge!]!
    nodes: [RefundLineItem!]!
    pageInfo: PageInfo!
  }
  type RefundLineItemEdge {
    cursor: String!
    node: RefundLineItem!
  }

  type RefundShippingLine {
    id: ID!
    shippingLine: ShippingLine!
    subtotalAmountSet: MoneyBag!
    taxAmountSet: MoneyBag!
  }
  type RefundShippingLineConnection {
    edges: [RefundShippingLineEdge!]!
    nodes: [RefundShippingLine!]!
    pageInfo: PageInfo!
  }
  type RefundShippingLineEdge {
    cursor: String!
    node: RefundShippingLine!
  }

  type OrderAdjustment {
    id: ID!
    reason: OrderAdjustmentDiscrepancyReason
    amountSet: MoneyBag!
    taxAmountSet: MoneyBag!
  }
  type OrderAdjustmentConnection {
    edges: [OrderAdjustmentEdge!]!
    nodes: [OrderAdjustment!]!
    pageInfo: PageInfo!
  }
  type OrderAdjustmentEdge {
    cursor: String!
    node: OrderAdjustment!
  }
`

let built: GraphQLSchema | undefined

/** The schema, built once per process (graphql-js validates the SDL as it builds). */
export function shopifySchema(): GraphQLSchema {
  built ??= buildSchema(SDL)
  return built
}
