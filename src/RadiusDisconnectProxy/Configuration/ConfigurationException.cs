namespace RadiusDisconnectProxy.Configuration;

/// <summary>
/// A configuration error: where it is (a file and line, or the environment variable / command-line switch that set
/// the value) and what is wrong. Maps to exit code 78 (EX_CONFIG). The message never contains a secret value.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string? file, int line, string message)
        : base(Format(file, line, message))
    {
        File = file;
        Line = line;
        Reason = message;
    }

    public ConfigurationException()
        : this(null, 0, "invalid configuration")
    {
    }

    public ConfigurationException(string message)
        : this(null, 0, message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>The file (as the operator named it), or a description such as "environment variable RDP__LISTEN__PORT".</summary>
    public string? File { get; }

    /// <summary>1-based line in <see cref="File"/>; 0 when the value did not come from a file.</summary>
    public int Line { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; } = "";

    /// <summary>Every error of the configuration, in file order (this one alone unless built by <see cref="Combine"/>).</summary>
    public IReadOnlyList<ConfigurationException> Errors => _errors ?? [this];

    private IReadOnlyList<ConfigurationException>? _errors;

    /// <summary>
    /// One exception for several errors, so that an operator fixes a file in one pass: its message is one
    /// <c>file:line: message</c> line per error; <see cref="File"/>, <see cref="Line"/> and <see cref="Reason"/> are the first's.
    /// </summary>
    public static ConfigurationException Combine(IReadOnlyList<ConfigurationException> errors)
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        if (errors.Count == 1)
        {
            return errors[0];
        }

        ConfigurationException first = errors[0];
        return new ConfigurationException(first.File, first.Line, first.Reason, string.Join("\n", errors.Select(e => e.Message)))
        {
            _errors = errors,
        };
    }

    private ConfigurationException(string? file, int line, string reason, string message)
        : base(message)
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    private static string Format(string? file, int line, string message) => (file, line) switch
    {
        (null, _) => message,
        (_, > 0) => $"{file}:{line}: {message}",
        _ => $"{file}: {message}",
    };
}
