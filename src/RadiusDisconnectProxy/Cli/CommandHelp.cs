using System.CommandLine;
using System.CommandLine.Help;

namespace RadiusDisconnectProxy.Cli;

/// <summary>
/// Help pages as an operator reads them (docs/operations.md, "Command line"): description, usage, arguments, options,
/// commands and examples — without the parser library's boilerplate ("Additional Arguments: Arguments passed to the
/// application that is being run"). Usage errors show the command's first example.
/// </summary>
internal static class CommandHelp
{
    public const string Program = "radius-disconnect-proxy";

    private static readonly Dictionary<string, string[]> s_examples = new(StringComparer.Ordinal)
    {
        [""] =
        [
            $"{Program} serve --config /etc/radius-disconnect-proxy/radius.conf",
            $"{Program} -X --config ./radius.conf            # debug in the foreground",
            $"{Program} check-config --config ./radius.conf",
            $"{Program} packet decode 28010014…",
        ],
        ["serve"] =
        [
            $"{Program} serve --config /etc/radius-disconnect-proxy/radius.conf",
            $"{Program} serve -X --listen:port=3800            # debug, another port",
            $"{Program} serve --log-level debug --client:local:secret=s3cret",
        ],
        ["check-config"] =
        [
            $"{Program} check-config --config /etc/radius-disconnect-proxy/radius.conf",
            $"RDP__CLIENT__LOCAL__SECRET=s3cret {Program} check-config -c ./radius.conf",
        ],
        ["packet"] = [$"{Program} packet decode --secret testing123 2801001400000000000000000000000000000000"],
        ["packet decode"] =
        [
            $"{Program} packet decode --secret testing123 2801001400000000000000000000000000000000",
            $"tcpdump … | … | {Program} packet decode --dictionary /usr/share/freeradius -",
        ],
        ["nas"] = [$"{Program} nas test hq --config /etc/radius-disconnect-proxy/radius.conf"],
        ["nas test"] = [$"{Program} nas test hq --config /etc/radius-disconnect-proxy/radius.conf"],
        ["sessions"] = [$"{Program} sessions list hq", $"{Program} sessions kick hq --mac 00:11:22:33:44:55"],
        ["sessions list"] = [$"{Program} sessions list hq --config /etc/radius-disconnect-proxy/radius.conf"],
        ["sessions kick"] = [$"{Program} sessions kick hq --user alice", $"{Program} sessions kick hq --id *1A"],
        ["admin"] = [$"{Program} admin hash-password < password.txt"],
        ["admin hash-password"] = [$"{Program} admin hash-password < password.txt", $"{Program} admin hash-password     # type it, not echoed"],
    };

    /// <summary>Replaces the help action of every command under <paramref name="root"/> with <see cref="Write"/>.</summary>
    public static void Install(RootCommand root)
    {
        foreach (Option option in root.Options)
        {
            if (option is HelpOption help)
            {
                help.Action = new WriteHelpAction();
            }
        }
    }

    /// <summary>The help page of <paramref name="command"/>.</summary>
    public static void Write(Command command, TextWriter output)
    {
        if (command.Description is { Length: > 0 } description)
        {
            output.WriteLine(description);
            output.WriteLine();
        }

        Usage(command, output);
        var rows = command.Arguments.Where(a => !a.Hidden).Select(a => ($"<{a.HelpName ?? a.Name}>", a.Description ?? "")).ToList();
        Section(output, "Arguments:", rows);

        var options = new List<(string, string)>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (Option option in c.Options.Where(o => !o.Hidden && (ReferenceEquals(c, command) || o.Recursive)))
            {
                string names = string.Join(", ", option.Aliases.Append(option.Name).Where(n => n[0] == '-' && n != "-?").Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal));
                if (option.ValueType != typeof(bool) && option is not (HelpOption or VersionOption))
                {
                    names += $" <{option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant()}>";
                }

                if (!options.Any(o => o.Item1 == names))
                {
                    options.Add((names, option.Description ?? ""));
                }
            }
        }

        Section(output, "Options:", options);
        Section(output, "Commands:", [.. command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? ""))]);
        if (s_examples.TryGetValue(PathOf(command), out string[]? examples))
        {
            output.WriteLine("Examples:");
            foreach (string example in examples)
            {
                output.WriteLine("  " + example);
            }
        }
    }

    /// <summary>The path below the root, e.g. "packet decode" ("" for the root).</summary>
    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(' ', names);
    }

    public static string? FirstExample(Command command) =>
        s_examples.TryGetValue(PathOf(command), out string[]? examples) ? examples[0] : null;

    private static void Usage(Command command, TextWriter output)
    {
        string path = PathOf(command);
        var usage = new System.Text.StringBuilder("  ").Append(Program);
        if (path.Length > 0)
        {
            usage.Append(' ').Append(path);
        }

        if (command.Subcommands.Count > 0)
        {
            usage.Append(" [command]");
        }

        foreach (Argument argument in command.Arguments)
        {
            usage.Append(" <").Append(argument.HelpName ?? argument.Name).Append('>');
        }

        usage.Append(" [options]");
        bool overrides = path is "" or "serve" or "check-config";
        if (overrides)
        {
            usage.Append(" [--section:key=value …]");
        }

        output.WriteLine("Usage:");
        output.WriteLine(usage.ToString());
        if (overrides)
        {
            output.WriteLine("  --section:key=value overrides a radius.conf key (--listen:port=3800, --client:local:secret=…);");
            output.WriteLine("  RDP__SECTION__KEY environment variables do the same (RDP__CLIENT__LOCAL__SECRET=…).");
        }

        output.WriteLine();
    }

    private static void Section(TextWriter output, string title, IReadOnlyList<(string Name, string Text)> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        output.WriteLine(title);
        int width = rows.Max(r => r.Name.Length) + 2;
        foreach ((string name, string text) in rows)
        {
            output.WriteLine($"  {name.PadRight(width)}{text}".TrimEnd());
        }

        output.WriteLine();
    }

    private sealed class WriteHelpAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
            return 0;
        }
    }
}
