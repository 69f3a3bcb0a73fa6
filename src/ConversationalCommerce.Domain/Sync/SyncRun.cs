namespace ConversationalCommerce.Domain.Sync;

/// <summary>
/// One full import of a shop from Shopify (bulk operations, one stage per resource). Persisted after every applied
/// batch, so a crashed or restarted node resumes at the stage, bulk operation and line it had reached.
/// </summary>
public sealed class SyncRun : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public SyncTrigger Trigger { get; set; }
    public SyncRunStatus Status { get; set; } = SyncRunStatus.Pending;
    public SyncStage Stage { get; set; } = SyncStage.Products;
    /// <summary>GID of the bulk operation of the current stage, once started.</summary>
    public string? BulkOperationId { get; set; }
    /// <summary>Shopify's last reported status of that operation (CREATED, RUNNING, COMPLETED, ...).</summary>
    public string? BulkOperationStatus { get; set; }
    public long BulkObjectCount { get; set; }
    /// <summary>JSONL lines of the current stage's file already applied (always at a record boundary).</summary>
    public long LinesApplied { get; set; }
    public int ProductsApplied { get; set; }
    public int CustomersApplied { get; set; }
    public int OrdersApplied { get; set; }
    /// <summary>Records skipped because we already held newer data or a tombstone.</summary>
    public int RecordsSkipped { get; set; }
    public string? Error { get; set; }
    /// <summary>Held by the node running this sync; another worker leaves the run alone until it lapses.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public bool IsFinished => Status is SyncRunStatus.Completed or SyncRunStatus.Failed or SyncRunStatus.Cancelled;
}

public enum SyncTrigger
{
    Install = 0,
    OnDemand = 1,
}

public enum SyncRunStatus
{
    Pending = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,
}

/// <summary>Stages run in this order; each is one bulk operation.</summary>
public enum SyncStage
{
    Products = 0,
    Customers = 1,
    Orders = 2,
    Done = 3,
}
