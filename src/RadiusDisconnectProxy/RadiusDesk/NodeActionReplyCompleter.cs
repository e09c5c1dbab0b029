using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using RadiusDisconnectProxy.Mqtt;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// <c>record_actions = yes</c> with several instances (docs/high-availability.md): completes the <c>node_actions</c> /
/// <c>ap_actions</c> row of every node reply that no request in this instance is waiting for, whoever sent the command.
/// The reply that answers a waiting request is marked by its driver before the ACK (docs/radiusdesk.md); everything else
/// arrives here through <see cref="IUnclaimedReplyHandler"/>:
/// <list type="bullet">
/// <item>a row this instance inserted (the second gateway node of a mesh, a reply after the deadline): marked at once;</item>
/// <item>a row another instance inserted (its sender may be dead): marked after <see cref="AdoptDelay"/>, in one batched
/// statement per table, only where the row still needs it (<c>status = 'awaiting'</c>). The sender, when alive, marked it
/// long before, so every other instance's statement matches nothing: one row write per reply across all instances, and per
/// instance one cheap primary-key lookup per reply instead of a write.</item>
/// </list>
/// Every statement is conditional on the status and on the row's device, so exactly one update takes effect whichever
/// instance gets there first, and a reply never marks another device's row. cmd_ids made by <see cref="CommandIdGenerator"/>
/// are never row ids and are ignored.
/// </summary>
internal sealed class NodeActionReplyCompleter : BackgroundService, IUnclaimedReplyHandler
{
    /// <summary>How long a foreign row is left to its sender: far beyond a live sender's mark (made before its ACK).</summary>
    internal static readonly TimeSpan AdoptDelay = TimeSpan.FromSeconds(2);

    /// <summary>How long this instance remembers a row it inserted (a later reply then goes through adoption, still correct).</summary>
    internal static readonly TimeSpan OwnRowLifetime = TimeSpan.FromMinutes(5);

    internal const int QueueCapacity = 20_000;
    internal const int OwnRowCapacity = 100_000;
    private const int BatchSize = 200;

    private readonly RadiusDeskDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeActionReplyCompleter> _logger;
    private volatile ConcurrentDictionary<(NodeMode Mode, long Id), long> _ownRows = new();

    /// <summary>Rows inserted in the database used before a reload changed the connection string: never looked for in the new one.</summary>
    private volatile ConcurrentDictionary<(NodeMode Mode, long Id), long> _previousRows = new();

    private int _generation;
    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private long _marked;
    private long _adopted;
    private long _dropped;

    public NodeActionReplyCompleter(RadiusDeskDatabase database, TimeProvider time, ILogger<NodeActionReplyCompleter> logger)
    {
        _database = database;
        _time = time;
        _logger = logger;
    }

    /// <summary>Rows this instance set to fetched/replied from unclaimed replies (its own rows and adopted ones).</summary>
    public long Marked => Interlocked.Read(ref _marked);

    /// <summary>Of <see cref="Marked"/>, rows another instance had inserted.</summary>
    public long Adopted => Interlocked.Read(ref _adopted);

    /// <summary>Replies not recorded because the queue was full (their rows stay <c>awaiting</c>; RADIUSdesk's polling delivers them again).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The recorder inserted row <paramref name="id"/>: its replies are marked without waiting.</summary>
    public void NoteRecorded(NodeMode mode, long id)
    {
        long now = _time.GetTimestamp();
        if (_ownRows.Count >= OwnRowCapacity)
        {
            Sweep(now);
            if (_ownRows.Count >= OwnRowCapacity)
            {
                return;
            }
        }

        _ownRows[(mode, id)] = now;
    }

    /// <summary>The driver marked row <paramref name="id"/> before its ACK.</summary>
    public void Forget(NodeMode mode, long id) => _ownRows.TryRemove((mode, id), out _);

    /// <summary>
    /// A reload switched to another database (docs/operations.md, "Reload"): the row ids this instance knows, and the
    /// replies queued for them, belong to the old one and must not mark rows of the new one.
    /// </summary>
    public void DatabaseChanged()
    {
        _previousRows = _ownRows;
        _ownRows = new();
        Interlocked.Increment(ref _generation);
    }

    /// <summary>True for a row inserted in the database used before the last change of connection string.</summary>
    public bool IsPreviousDatabaseRow(NodeMode mode, long id) => _previousRows.ContainsKey((mode, id));

    public void OnUnclaimedReply(NodeReply reply)
    {
        if (CommandIdGenerator.IsGenerated(reply.Key.CmdId) || reply.Key.CmdId <= 0)
        {
            return;
        }

        bool own = _ownRows.TryRemove((reply.Key.Mode, reply.Key.CmdId), out _);
        if (!own && (!_database.Options.RecordActions || IsPreviousDatabaseRow(reply.Key.Mode, reply.Key.CmdId)))
        {
            return; // record_actions reloaded to no, or a row of the database used before the reload
        }

        long due = own ? 0 : _time.GetTimestamp() + (long)(AdoptDelay.TotalSeconds * _time.TimestampFrequency);
        if (!_queue.Writer.TryWrite(new Item(reply, own, due, Volatile.Read(ref _generation))))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var waiting = new List<Item>();
        ChannelReader<Item> reader = _queue.Reader;
        try
        {
            while (true)
            {
                while (reader.TryRead(out Item item))
                {
                    waiting.Add(item);
                }

                long now = _time.GetTimestamp();
                await FlushAsync(waiting, now, stoppingToken).ConfigureAwait(false);
                if (waiting.Count == 0)
                {
                    // Idle: no timer, just the channel.
                    if (!await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    continue;
                }

                TimeSpan untilDue = _time.GetElapsedTime(now, waiting.Min(i => i.Due));
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wake.CancelAfter(untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue);
                try
                {
                    await reader.WaitToReadAsync(wake.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Due: flush on the next turn.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is queued is marked now, due or not (the statements are conditional anyway).
            while (reader.TryRead(out Item item))
            {
                waiting.Add(item);
            }

            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await FlushAsync(waiting, long.MaxValue, last.Token).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(List<Item> waiting, long now, CancellationToken cancellationToken)
    {
        if (waiting.Count == 0)
        {
            return;
        }

        List<Item> due = waiting.FindAll(i => i.Due <= now);
        if (due.Count == 0)
        {
            return;
        }

        waiting.RemoveAll(i => i.Due <= now);
        int generation = Volatile.Read(ref _generation);
        due.RemoveAll(i => i.Generation != generation); // queued before the database changed
        foreach (IGrouping<(NodeMode Mode, bool Own), Item> group in due.Where(i => i.Reply.Status != NodeReply.Replied)
                     .GroupBy(i => (i.Reply.Key.Mode, i.Own)))
        {
            foreach (Item[] batch in group.Chunk(BatchSize))
            {
                await MarkFetchedAsync(group.Key.Mode, group.Key.Own, batch, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (Item item in due.Where(i => i.Reply.Status == NodeReply.Replied))
        {
            await MarkRepliedAsync(item, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One statement for many rows: <c>awaiting</c> → <c>fetched</c>, each only for its own device.</summary>
    private async Task MarkFetchedAsync(NodeMode mode, bool own, Item[] batch, CancellationToken cancellationToken)
    {
        (string table, string device) = Names(mode);
        var sql = new StringBuilder(64 + batch.Length * 40)
            .Append(CultureInfo.InvariantCulture, $"UPDATE {table} SET status = 'fetched', modified = NOW() WHERE status = 'awaiting' AND (");
        for (int i = 0; i < batch.Length; i++)
        {
            sql.Append(i == 0 ? "" : " OR ").Append(CultureInfo.InvariantCulture, $"(id = @i{i} AND {device} = @d{i})");
        }

        sql.Append(')');
        DatabaseResult<int> result = await _database.RunAsync("mark actions", async (connection, ct) =>
        {
            await using var update = new MySqlCommand(sql.ToString(), connection);
            for (int i = 0; i < batch.Length; i++)
            {
                update.Parameters.AddWithValue("@i" + i.ToString(CultureInfo.InvariantCulture), batch[i].Reply.Key.CmdId);
                update.Parameters.AddWithValue("@d" + i.ToString(CultureInfo.InvariantCulture), batch[i].Reply.Key.DeviceId);
            }

            return await update.ExecuteNonQueryAsync(ct);
        }, cancellationToken).ConfigureAwait(false);
        Count(result, own);
    }

    /// <summary><c>replied</c> carries the node's output, so it is one statement per row; never written twice.</summary>
    private async Task MarkRepliedAsync(Item item, CancellationToken cancellationToken)
    {
        (string table, string device) = Names(item.Reply.Key.Mode);
        string sql = $"UPDATE {table} SET status = 'replied', reply = @reply, modified = NOW() WHERE id = @id AND {device} = @device AND status <> 'replied'";
        DatabaseResult<int> result = await _database.RunAsync("mark action", async (connection, ct) =>
        {
            await using var update = new MySqlCommand(sql, connection);
            update.Parameters.AddWithValue("@id", item.Reply.Key.CmdId);
            update.Parameters.AddWithValue("@device", item.Reply.Key.DeviceId);
            update.Parameters.AddWithValue("@reply", RadiusDeskNodeActionRecorder.Truncate(item.Reply.Reply));
            return await update.ExecuteNonQueryAsync(ct);
        }, cancellationToken).ConfigureAwait(false);
        Count(result, item.Own);
    }

    private void Count(DatabaseResult<int> result, bool own)
    {
        if (!result.IsAvailable || result.Value == 0)
        {
            return;
        }

        Interlocked.Add(ref _marked, result.Value);
        if (!own)
        {
            Interlocked.Add(ref _adopted, result.Value);
            RadiusDeskLog.RowsAdopted(_logger, result.Value);
        }
    }

    private static (string Table, string Device) Names(NodeMode mode) =>
        mode == NodeMode.Ap ? ("ap_actions", "ap_id") : ("node_actions", "node_id");

    private void Sweep(long now)
    {
        foreach (KeyValuePair<(NodeMode, long), long> entry in _ownRows)
        {
            if (_time.GetElapsedTime(entry.Value, now) > OwnRowLifetime)
            {
                _ownRows.TryRemove(entry.Key, out _);
            }
        }
    }

    private readonly record struct Item(NodeReply Reply, bool Own, long Due, int Generation);
}
