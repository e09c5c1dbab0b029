namespace RadiusDisconnectProxy.Cli;

/// <summary>A command line that parses but makes no sense (exit 2).</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
