using System.CommandLine;
using System.Text;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Cli;

/// <summary>
/// <c>admin hash-password</c>: reads the console password from stdin (one line; typed without echo on a terminal) and
/// prints the <c>password_hash</c> value for the <c>admin</c> section (docs/console.md). The password is never an argument,
/// so it does not end up in the shell history or the process list.
/// </summary>
internal static class AdminCommand
{
    public static Command Create(Func<TextReader>? input = null)
    {
        var hash = new Command("hash-password",
            "Read the web console password from stdin and print its password_hash (salted PBKDF2-SHA256). Example: radius-disconnect-proxy admin hash-password < password.txt");
        hash.SetAction(async (parseResult, cancellationToken) =>
        {
            InvocationConfiguration io = parseResult.InvocationConfiguration;
            string password = input is not null ? await ReadLineAsync(input(), cancellationToken)
                : System.Console.IsInputRedirected ? await ReadLineAsync(System.Console.In, cancellationToken)
                : ReadHidden(io.Error);
            if (password.Length == 0)
            {
                throw new UsageException("admin hash-password needs the password on stdin, e.g. 'radius-disconnect-proxy admin hash-password < password.txt' or type it when asked");
            }

            await io.Output.WriteLineAsync(AdminPasswordHash.Create(password).Encode());
            return ProxyCommandLine.ExitOk;
        });
        var admin = new Command("admin", "Web console administration.");
        admin.Subcommands.Add(hash);
        return admin;
    }

    private static async Task<string> ReadLineAsync(TextReader reader, CancellationToken cancellationToken) =>
        (await reader.ReadLineAsync(cancellationToken))?.TrimEnd('\r') ?? "";

    private static string ReadHidden(TextWriter prompt)
    {
        prompt.Write("Password: ");
        prompt.Flush();
        var password = new StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key = System.Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }

                continue;
            }

            password.Append(key.KeyChar);
        }

        prompt.WriteLine();
        return password.ToString();
    }
}
