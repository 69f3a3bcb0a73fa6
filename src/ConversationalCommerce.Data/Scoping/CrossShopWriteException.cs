namespace ConversationalCommerce.Data.Scoping;

public sealed class CrossShopWriteException(string entity, Guid rowShop, Guid scopeShop)
    : InvalidOperationException($"Refused to save {entity} of shop {rowShop} from a scope acting for shop {scopeShop}.");
