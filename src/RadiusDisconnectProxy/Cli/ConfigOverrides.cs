namespace RadiusDisconnectProxy.Cli;

/// <summary>
/// Configuration overrides on the command line of <c>serve</c> and <c>check-config</c>:
/// <c>--section:key=value</c> or <c>--section:key value</c> (e.g. <c>--listen:port=3800</c>,
/// <c>--client:local:secret=…</c>), the key paths of radius.conf. They win over the file and RDP__ variables.
/// </summary>
internal static class ConfigOverrides
{
    /// <returns>The overrides in <c>--key=value</c> form for AddCommandLine.</returns>
    /// <exception cref="UsageException">A token that is not an override.</exception>
    public static IReadOnlyList<string> Parse(IReadOnlyList<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || !token.Contains(':', StringComparison.Ordinal))
            {
                throw new UsageException($"unexpected argument '{token}' (configuration overrides look like --section:key=value)");
            }

            int eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result.Add(token);
                continue;
            }

            if (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"'{token}' needs a value: {token}=VALUE");
            }

            result.Add($"{token}={tokens[++i]}");
        }

        return result;
    }
}
