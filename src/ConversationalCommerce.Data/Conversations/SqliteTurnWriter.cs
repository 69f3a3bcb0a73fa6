using System.Data.Common;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Data.Rows;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Conversation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Data.Conversations;

/// <summary>
/// The <see cref="TurnCommitQueue"/>'s writer on SQLite: one context and one open connection kept for the writer's
/// life, with the turn's statements prepared once. A turn is the same rows as <see cref="TurnWrites"/> (thread
/// inserted or updated only if its Version is unchanged, then both messages), each in its own savepoint of the batch's
/// transaction, with the same outcomes: saved, conflict, duplicate, or the turn's own <see cref="DbUpdateException"/>.
/// Per turn this skips what SaveChanges costs beyond the rows themselves (a new context, change tracking, SQL
/// generation and parsing), which was most of a chat turn's write.
/// The transaction still goes through EF (BeginTransaction/Commit), so transaction interceptors see every batch.
/// </summary>
internal sealed class SqliteTurnWriter : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly AppDbContext _db;
    private readonly SqliteConnection _connection;
    private readonly EntityRowCommand _insertConversation;
    private readonly EntityRowCommand _updateConversation;
    private readonly EntityRowCommand _insertMessage;
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _rollbackTo;
    private readonly SqliteCommand _externalIdTaken;

    private SqliteTurnWriter(AsyncServiceScope scope, AppDbContext db, SqliteConnection connection)
    {
        _scope = scope;
        _db = db;
        _connection = connection;
        var sql = db.GetService<ISqlGenerationHelper>();
        var conversations = db.Model.FindEntityType(typeof(Conversation))!;
        var messages = db.Model.FindEntityType(typeof(Message))!;
        _insertConversation = EntityRowCommand.Insert(connection, conversations, sql);
        _updateConversation = EntityRowCommand.Update(connection, conversations, conversations.FindProperty(nameof(Conversation.Version))!, sql);
        _insertMessage = EntityRowCommand.Insert(connection, messages, sql);
        _savepoint = Command("SAVEPOINT turn;");
        _release = Command("RELEASE turn;");
        _rollbackTo = Command("ROLLBACK TO turn;");

        // Explicit shop condition: this writer serves every shop.
        var table = ModelColumns.Table(messages);
        string Column(string name) => ModelColumns.Name(messages, name, sql);
        _externalIdTaken = Command($"SELECT EXISTS (SELECT 1 FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE " +
                                   $"{Column(nameof(Message.ShopId))} = @shop AND {Column(nameof(Message.Channel))} = @channel AND {Column(nameof(Message.ExternalId))} = @externalId);");
        ModelColumns.AddParameter(_externalIdTaken, "@shop", messages.FindProperty(nameof(Message.ShopId))!);
        ModelColumns.AddParameter(_externalIdTaken, "@channel", messages.FindProperty(nameof(Message.Channel))!);
        ModelColumns.AddParameter(_externalIdTaken, "@externalId", messages.FindProperty(nameof(Message.ExternalId))!);
    }

    public AppDbContext Context => _db;

    public static async Task<SqliteTurnWriter> OpenAsync(IServiceScopeFactory scopes)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Opened once through EF (its connection interceptors set the pragmas) and kept open, so the prepared statements live on.
            await db.Database.OpenConnectionAsync().ConfigureAwait(false);
            return new SqliteTurnWriter(scope, db, (SqliteConnection)db.Database.GetDbConnection());
        }
        catch
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// One turn inside the open batch transaction, in its own savepoint: a conflict, a duplicate or an error of this
    /// turn rolls back only its own rows.
    /// </summary>
    public TurnWriteResult Write(TurnWrite write, DbTransaction transaction)
    {
        var conversation = write.Conversation;
        CheckShops(write);
        Run(_savepoint, transaction);
        try
        {
            var written = write.IsNew
                ? _insertConversation.Execute(conversation, transaction)
                : _updateConversation.Execute(conversation, transaction, write.ExpectedVersion);
            if (written == 0)
            {
                RollBack(transaction);
                return TurnWriteResult.Conflict;
            }
            _insertMessage.Execute(write.Shopper, transaction);
            if (write.Assistant is not null) _insertMessage.Execute(write.Assistant, transaction);
            Run(_release, transaction);
            return TurnWriteResult.Saved;
        }
        catch (SqliteException e)
        {
            // A failure of the rollback itself is not this turn's alone: it escapes unwrapped and fails the batch.
            RollBack(transaction);
            var error = new DbUpdateException("An error occurred while saving the turn's rows. See the inner exception for details.", e);
            if (!UniqueViolation.Is(error)) throw error;
            // Either the external id arrived twice at once, or another writer took these seqs / created the thread.
            return write.Shopper.ExternalId is { } externalId && ExternalIdTaken(write.Shopper, externalId, transaction)
                ? TurnWriteResult.Duplicate
                : TurnWriteResult.Conflict;
        }
        catch
        {
            RollBack(transaction);
            throw;
        }
    }

    /// <summary>Whether the batch's transaction is still open (some SQLite errors roll back the whole transaction).</summary>
    public bool InTransaction => _connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0;

    public async ValueTask DisposeAsync()
    {
        _insertConversation.Dispose();
        _updateConversation.Dispose();
        _insertMessage.Dispose();
        _savepoint.Dispose();
        _release.Dispose();
        _rollbackTo.Dispose();
        _externalIdTaken.Dispose();
        await _db.Database.CloseConnectionAsync().ConfigureAwait(false);
        await _scope.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>What the context's save would refuse: a row without a shop, or messages of another shop than their thread.</summary>
    private static void CheckShops(TurnWrite write)
    {
        var shop = write.Conversation.ShopId;
        if (shop == Guid.Empty) throw new InvalidOperationException($"{nameof(Conversation)} has no shop.");
        foreach (var message in (Message?[])[write.Shopper, write.Assistant])
        {
            if (message is null) continue;
            if (message.ShopId == Guid.Empty) throw new InvalidOperationException($"{nameof(Message)} has no shop.");
            if (message.ShopId != shop) throw new CrossShopWriteException(nameof(Message), message.ShopId, shop);
        }
    }

    private bool ExternalIdTaken(Message shopper, string externalId, DbTransaction transaction)
    {
        var model = _db.Model.FindEntityType(typeof(Message))!;
        Bind(_externalIdTaken.Parameters[0], model.FindProperty(nameof(Message.ShopId))!, shopper.ShopId);
        Bind(_externalIdTaken.Parameters[1], model.FindProperty(nameof(Message.Channel))!, shopper.Channel);
        Bind(_externalIdTaken.Parameters[2], model.FindProperty(nameof(Message.ExternalId))!, externalId);
        _externalIdTaken.Transaction = (SqliteTransaction)transaction;
        return Convert.ToInt64(_externalIdTaken.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    private void RollBack(DbTransaction transaction)
    {
        // Only while the savepoint exists: an error that ended the whole transaction took it along.
        if (!InTransaction) return;
        Run(_rollbackTo, transaction);
        Run(_release, transaction);
    }

    private static void Run(SqliteCommand command, DbTransaction transaction)
    {
        command.Transaction = (SqliteTransaction)transaction;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string text)
    {
        var command = _connection.CreateCommand();
        command.CommandText = text;
        return command;
    }

    private static void Bind(DbParameter parameter, IProperty property, object value) =>
        parameter.Value = ModelColumns.ProviderValue(property.GetRelationalTypeMapping(), value);
}
