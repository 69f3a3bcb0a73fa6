using System.Collections.Concurrent;
using System.Data.Common;
using ConversationalCommerce.Data.Rows;
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
/// The reads at the start of a turn on SQLite (<see cref="IConversationStore.BeginTurnAsync"/>), as prepared
/// statements on a few kept connections instead of a new scope, context and connection open per turn: setting up a
/// context was about as costly as the queries themselves. Every statement names the shop explicitly (the context's
/// shop filter is not there to do it); the one look past it only tells whether another shop owns the id.
/// Entities come back untracked and converted exactly as EF reads them (<see cref="SqliteRowReader{T}"/>).
/// </summary>
internal sealed class SqliteTurnReads(IServiceScopeFactory scopes) : IDisposable
{
    /// <summary>Connections kept idle for the next turns; more are opened under load and closed when returned past this.</summary>
    private const int MaxIdle = 16;

    private readonly ConcurrentBag<Reader> _idle = [];
    private readonly Lock _gate = new();
    private Shape? _shape;
    private bool _disposed;

    public TurnStart Begin(Guid shopId, Guid conversationId, Channel channel, string? externalId, int historySize)
    {
        var reader = Rent();
        var healthy = false;
        try
        {
            var start = reader.Begin(shopId, conversationId, channel, externalId, historySize);
            healthy = true;
            return start;
        }
        finally
        {
            if (healthy) Return(reader);
            else reader.Dispose(); // whatever failed, the next turn gets a fresh connection
        }
    }

    public void Dispose()
    {
        lock (_gate) _disposed = true;
        while (_idle.TryTake(out var reader)) reader.Dispose();
    }

    private Reader Rent() => _idle.TryTake(out var reader) ? reader : new Reader(CurrentShape());

    private void Return(Reader reader)
    {
        lock (_gate)
        {
            if (!_disposed && _idle.Count < MaxIdle)
            {
                _idle.Add(reader);
                return;
            }
        }
        reader.Dispose();
    }

    /// <summary>What every connection's statements are built from, read once from the app's context.</summary>
    private Shape CurrentShape()
    {
        if (_shape is { } shape) return shape;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return _shape = new Shape(db.Database.GetConnectionString()!, db.Model, db.GetService<ISqlGenerationHelper>());
    }

    private sealed class Shape
    {
        public Shape(string connectionString, IModel model, ISqlGenerationHelper sql)
        {
            ConnectionString = connectionString;
            Sql = sql;
            ConversationType = model.FindEntityType(typeof(Conversation))!;
            MessageType = model.FindEntityType(typeof(Message))!;
            Conversations = new SqliteRowReader<Conversation>(ConversationType, sql);
            Messages = new SqliteRowReader<Message>(MessageType, sql);
            // A turn needs the words of its history, not the cards (often kilobytes).
            MessageTexts = new SqliteRowReader<Message>(MessageType, sql, [nameof(Message.PayloadJson)]);
        }

        public string ConnectionString { get; }
        public ISqlGenerationHelper Sql { get; }
        public IEntityType ConversationType { get; }
        public IEntityType MessageType { get; }
        public SqliteRowReader<Conversation> Conversations { get; }
        public SqliteRowReader<Message> Messages { get; }
        public SqliteRowReader<Message> MessageTexts { get; }

        public string Column(IEntityType type, string property) => ModelColumns.Name(type, property, Sql);
    }

    /// <summary>One connection and its prepared statements; used by one turn at a time.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly Shape _shape;
        private readonly SqliteConnection _connection;
        private readonly Query _shopperByExternalId;
        private readonly Query _answerAfter;
        private readonly Query _conversation;
        private readonly Query _ownedByAnotherShop;
        private readonly Query _recentTexts;

        public Reader(Shape shape)
        {
            _shape = shape;
            _connection = new SqliteConnection(shape.ConnectionString);
            _connection.Open();
            SqliteConnectionSetup.Configure(_connection);
            var (c, m) = (shape.ConversationType, shape.MessageType);
            string Col(IEntityType type, string name) => shape.Column(type, name);

            _shopperByExternalId = new Query(_connection,
                $"SELECT {shape.Messages.Columns} FROM {shape.Messages.Table} WHERE {Col(m, nameof(Message.ShopId))} = @shop " +
                $"AND {Col(m, nameof(Message.Channel))} = @channel AND {Col(m, nameof(Message.ExternalId))} = @externalId LIMIT 1;",
                (m, nameof(Message.ShopId)), (m, nameof(Message.Channel)), (m, nameof(Message.ExternalId)));
            _answerAfter = new Query(_connection,
                $"SELECT {shape.Messages.Columns} FROM {shape.Messages.Table} WHERE {Col(m, nameof(Message.ShopId))} = @shop " +
                $"AND {Col(m, nameof(Message.ConversationId))} = @conversation AND {Col(m, nameof(Message.Seq))} = @seq " +
                $"AND {Col(m, nameof(Message.Role))} IN (@assistant, @system) LIMIT 1;",
                (m, nameof(Message.ShopId)), (m, nameof(Message.ConversationId)), (m, nameof(Message.Seq)), (m, nameof(Message.Role)), (m, nameof(Message.Role)));
            _conversation = new Query(_connection,
                $"SELECT {shape.Conversations.Columns} FROM {shape.Conversations.Table} WHERE {Col(c, nameof(Conversation.ShopId))} = @shop " +
                $"AND {Col(c, nameof(Conversation.Id))} = @conversation LIMIT 1;",
                (c, nameof(Conversation.ShopId)), (c, nameof(Conversation.Id)));
            _ownedByAnotherShop = new Query(_connection,
                $"SELECT EXISTS (SELECT 1 FROM {shape.Conversations.Table} WHERE {Col(c, nameof(Conversation.Id))} = @conversation " +
                $"AND {Col(c, nameof(Conversation.ShopId))} <> @shop);",
                (c, nameof(Conversation.Id)), (c, nameof(Conversation.ShopId)));
            _recentTexts = new Query(_connection,
                $"SELECT {shape.MessageTexts.Columns} FROM {shape.MessageTexts.Table} WHERE {Col(m, nameof(Message.ShopId))} = @shop " +
                $"AND {Col(m, nameof(Message.ConversationId))} = @conversation ORDER BY {Col(m, nameof(Message.Seq))} DESC LIMIT @take;",
                (m, nameof(Message.ShopId)), (m, nameof(Message.ConversationId)), (null, "@take"));
        }

        public TurnStart Begin(Guid shopId, Guid conversationId, Channel channel, string? externalId, int historySize)
        {
            if (externalId is not null && One(_shopperByExternalId, _shape.Messages, shopId, channel, externalId) is { } shopper)
            {
                var answer = One(_answerAfter, _shape.Messages, shopId, shopper.ConversationId, shopper.Seq + 1, MessageRole.Assistant, MessageRole.System);
                return new TurnStart(new StoredTurn(shopper, answer), null, false);
            }

            var conversation = One(_conversation, _shape.Conversations, shopId, conversationId);
            if (conversation is null)
                return new TurnStart(null, null, Convert.ToInt64(_ownedByAnotherShop.Scalar(conversationId, shopId), System.Globalization.CultureInfo.InvariantCulture) != 0);

            var history = new List<Message>(Math.Max(0, historySize));
            if (historySize > 0)
            {
                using var rows = _recentTexts.Execute(shopId, conversationId, historySize);
                while (rows.Read()) history.Add(_shape.MessageTexts.Read(rows));
                history.Reverse();
            }
            return new TurnStart(null, new ConversationSnapshot(conversation, history), false);
        }

        private static T? One<T>(Query query, SqliteRowReader<T> rows, params object?[] values) where T : class, new()
        {
            using var reader = query.Execute(values);
            return reader.Read() ? rows.Read(reader) : null;
        }

        public void Dispose()
        {
            foreach (var query in new[] { _shopperByExternalId, _answerAfter, _conversation, _ownedByAnotherShop, _recentTexts }) query.Dispose();
            _connection.Dispose();
        }
    }

    /// <summary>A prepared statement whose parameters convert values like EF does for the column they are compared with.</summary>
    private sealed class Query : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly RelationalTypeMapping?[] _mappings;

        public Query(SqliteConnection connection, string sql, params (IEntityType? Type, string Property)[] parameters)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            var names = System.Text.RegularExpressions.Regex.Matches(sql, "@[a-zA-Z]+").Select(x => x.Value).Distinct().ToArray();
            _mappings = new RelationalTypeMapping?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var (type, name) = parameters[i];
                if (type?.FindProperty(name) is { } property)
                {
                    _mappings[i] = property.GetRelationalTypeMapping();
                    ModelColumns.AddParameter(_command, names[i], property);
                }
                else _command.Parameters.Add(new SqliteParameter(names[i], SqliteType.Integer));
            }
        }

        public DbDataReader Execute(params object?[] values)
        {
            Bind(values);
            return _command.ExecuteReader();
        }

        public object? Scalar(params object?[] values)
        {
            Bind(values);
            return _command.ExecuteScalar();
        }

        private void Bind(object?[] values)
        {
            for (var i = 0; i < values.Length; i++) _command.Parameters[i].Value = ModelColumns.ProviderValue(_mappings[i], values[i]);
        }

        public void Dispose() => _command.Dispose();
    }
}
