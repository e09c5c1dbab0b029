namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>The outcome of one database operation: a value, or "the database did not answer in time".</summary>
internal readonly record struct DatabaseResult<T>(bool IsAvailable, T Value)
{
    public static DatabaseResult<T> Failed => new(false, default!);
}
