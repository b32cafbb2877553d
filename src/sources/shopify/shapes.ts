import {z} from 'zod'

/** The answers to queries.ts, as zod reads them where they enter (only the fields asked for). */
const MoneyV2 = z.object({amount: z.string(), currencyCode: z.string()})
export const Bag = z.object({shopMoney: MoneyV2, presentmentMoney: MoneyV2})
export type Bag = z.infer<typeof Bag>

const Tax = z.object({title: z.string(), rate: z.number().nullable(), priceSet: Bag})

export const LineNode = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  title: z.string(),
  quantity: z.number().int(),
  currentQuantity: z.number().int(),
  taxable: z.boolean(),
  isGiftCard: z.boolean(),
  originalUnitPriceSet: Bag,
  discountAllocations: z.array(
    z.object({
      allocatedAmountSet: Bag,
      discountApplication: z.object({
        allocationMethod: z.string(),
        targetType: z.string(),
        code: z.string().optional(),
        title: z.string().optional(),
      }),
    }),
  ),
  taxLines: z.array(Tax),
})
export type LineNode = z.infer<typeof LineNode>

const PageInfo = z.object({hasNextPage: z.boolean(), endCursor: z.string().nullable().optional()})

export const LinePage = z.object({pageInfo: PageInfo, nodes: z.array(LineNode)})

export const TxnNode = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  gateway: z.string().nullable(),
  processedAt: z.string().nullable(),
  createdAt: z.string(),
  test: z.boolean(),
  settlementCurrency: z.string().nullable(),
  settlementCurrencyRate: z.string().nullable(),
  amountSet: Bag,
  parentTransaction: z.object({id: z.string()}).nullable(),
})
export type TxnNode = z.infer<typeof TxnNode>

export const OrderNode = z.object({
  id: z.string(),
  legacyResourceId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  processedAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  test: z.boolean(),
  currencyCode: z.string(),
  presentmentCurrencyCode: z.string(),
  taxesIncluded: z.boolean(),
  taxExempt: z.boolean(),
  edited: z.boolean(),
  totalPriceSet: Bag,
  currentTotalPriceSet: Bag,
  currentTotalTaxSet: Bag,
  totalReceivedSet: Bag,
  totalRefundedSet: Bag,
  totalOutstandingSet: Bag,
  totalTipReceivedSet: Bag,
  currentTotalDutiesSet: Bag.nullable(),
  currentTotalAdditionalFeesSet: Bag.nullable(),
  lineItems: LinePage,
  shippingLines: z.object({
    pageInfo: z.object({hasNextPage: z.boolean()}),
    nodes: z.array(
      z.object({
        id: z.string().nullable(),
        title: z.string(),
        isRemoved: z.boolean(),
        discountedPriceSet: Bag,
        taxLines: z.array(Tax),
      }),
    ),
  }),
  transactions: z.array(TxnNode),
  refunds: z.array(z.object({id: z.string(), legacyResourceId: z.string()})),
})
export type OrderNode = z.infer<typeof OrderNode>

export const RefundNode = z.object({
  id: z.string(),
  legacyResourceId: z.string(),
  createdAt: z.string().nullable(),
  processedAt: z.string(),
  note: z.string().nullable(),
  totalRefundedSet: Bag,
  refundLineItems: z.object({
    pageInfo: z.object({hasNextPage: z.boolean()}),
    nodes: z.array(
      z.object({
        quantity: z.number().int(),
        restockType: z.string(),
        restocked: z.boolean(),
        lineItem: z.object({id: z.string()}),
        subtotalSet: Bag,
        totalTaxSet: Bag,
      }),
    ),
  }),
  refundShippingLines: z.object({nodes: z.array(z.object({subtotalAmountSet: Bag, taxAmountSet: Bag}))}),
  orderAdjustments: z.object({
    nodes: z.array(z.object({reason: z.string().nullable(), amountSet: Bag, taxAmountSet: Bag})),
  }),
  transactions: z.object({
    pageInfo: z.object({hasNextPage: z.boolean()}),
    nodes: z.array(z.object({id: z.string()})),
  }),
})
export type RefundNode = z.infer<typeof RefundNode>

export const ChangedOrdersAnswer = z.object({
  orders: z.object({
    pageInfo: PageInfo,
    nodes: z.array(z.object({id: z.string(), updatedAt: z.string()})),
  }),
})
export const OrderAnswer = z.object({order: OrderNode.nullable()})
export const LinesAnswer = z.object({order: z.object({lineItems: LinePage}).nullable()})
export const RefundAnswer = z.object({refund: RefundNode.nullable()})
export const ShopAnswer = z.object({
  shop: z.object({
    name: z.string(),
    myshopifyDomain: z.string(),
    currencyCode: z.string(),
    ianaTimezone: z.string(),
  }),
})
