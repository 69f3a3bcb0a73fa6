// Shapes exchanged with the app (docs/widget-protocol.md). The server serialises C# records in camelCase.

export type Role = "shopper" | "assistant" | "merchant" | "system";

export interface VariantChoice {
  shopifyId: number;
  title: string;
  price: number;
  compareAtPrice?: number | null;
  available: boolean;
  options: Record<string, string>;
}

export interface ProductCard {
  productId: string;
  shopifyId: number;
  handle: string;
  title: string;
  vendor?: string;
  productType?: string;
  imageUrl?: string | null;
  url: string;
  price: number;
  compareAtPrice?: number | null;
  currency?: string;
  available: boolean;
  reasons?: string[];
  variants?: VariantChoice[];
  selectedVariantId?: number | null;
}

export interface ReplyAction {
  kind: string;
  data?: Record<string, string>;
}

export interface Reply {
  text: string;
  products?: ProductCard[];
  quickReplies?: string[];
  actions?: ReplyAction[];
  intent?: string;
}

export interface HistoryMessage {
  id: string;
  seq: number;
  role: Role;
  channel: string;
  text: string;
  clientMessageId?: string | null;
  createdAt: string;
  reply?: Reply | null;
}

export type ErrorCode = "rate_limited" | "too_long" | "empty" | "unavailable" | "invalid_session" | (string & {});

export interface ProtocolError {
  code: ErrorCode;
  message?: string;
}

export interface SendAck {
  clientMessageId: string;
  accepted: boolean;
  error?: ProtocolError | null;
}

export interface WhatsAppHandoff {
  code?: string;
  url?: string;
  error?: ProtocolError | null;
}

export interface EmailResult {
  ok: boolean;
  error?: ProtocolError | null;
}

export interface ShopInfo {
  name: string;
  currency: string;
  locale: string;
  greeting?: string;
  assistantName?: string;
  accentColor?: string;
  whatsAppNumber?: string | null;
}

export interface SessionResponse {
  visitorId: string;
  visitorToken: string;
  conversationId: string;
  shop: ShopInfo;
}

export interface SessionRequest {
  widgetKey: string;
  visitorId: string | null;
  visitorToken: string | null;
  loggedInCustomer: { id: string; signature: string } | null;
  locale: string;
}

/** Error codes the hub uses; anything else is shown as a generic failure. */
export const knownErrorCodes: readonly string[] = ["rate_limited", "too_long", "empty", "unavailable", "invalid_session"];

export const maxMessageLength = 2000;
