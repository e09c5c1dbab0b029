using System.CommandLine;
using System.Text;
using System.Text.Json;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Dictionary;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Radius.Text;

namespace RadiusDisconnectProxy.Cli;

/// <summary>
/// <c>packet decode [--secret S] [--request-authenticator HEX] [--dictionary DIR] (HEX | -)</c> (docs/packet-decode.md): one JSON
/// object per packet per line on stdout and nothing else there; <c>-</c> reads one hex packet per line from stdin.
/// Exit 0; 1 when a packet could not be decoded (its line is still printed, <c>{"error":…}</c>); 2 for a usage error
/// (bad authenticator, unreadable dictionary), explained on stderr.
/// </summary>
public static class PacketDecodeCommand
{
    private const int ExitOk = 0;
    private const int ExitFailed = 1;
    private const int ExitUsage = 2;

    /// <summary>The <c>decode</c> command, reading stdin for <c>-</c>.</summary>
    public static Command Create() => Create(() => Console.In);

    internal static Command Create(Func<TextReader> stdin)
    {
        var secret = new Option<string?>("--secret") { Description = "Shared secret: checks authenticators and decrypts encrypt=1/2 attributes." };
        var requestAuthenticator = new Option<string?>("--request-authenticator")
        {
            Description = "For answers: the 32-hex-digit authenticator of the request they answer.",
            HelpName = "HEX",
        };
        var dictionary = new Option<string?>("--dictionary")
        {
            Description = "FreeRADIUS dictionary directory (e.g. /usr/share/freeradius); default: the shipped set.",
            HelpName = "DIR",
        };
        var packet = new Argument<string>("packet") { Description = "The packet as hex, or - to read one hex packet per line from stdin.", HelpName = "HEX|-" };

        var command = new Command("decode", "Decode RADIUS packets given as hex into JSON lines.") { secret, requestAuthenticator, dictionary, packet };
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            TextWriter error = parseResult.InvocationConfiguration.Error;
            string? authenticatorHex = parseResult.GetValue(requestAuthenticator);
            byte[]? authenticator = null;
            if ((authenticatorHex is not null && !TryParseHex(authenticatorHex, out authenticator)) || authenticator is { Length: not 16 })
            {
                error.WriteLine("packet decode: --request-authenticator must be 32 hex digits");
                return ExitUsage;
            }

            string directory = parseResult.GetValue(dictionary) ?? Path.Combine(AppContext.BaseDirectory, "dictionaries");
            RadiusDictionary loaded;
            try
            {
                loaded = RadiusDictionary.Load(directory);
            }
            catch (DictionaryParseException e)
            {
                error.WriteLine($"packet decode: dictionary error: {e.Message}");
                return ExitUsage;
            }

            string? secretText = parseResult.GetValue(secret);
            var options = new PacketDecodeOptions
            {
                Secret = secretText is null ? null : new SharedSecret(secretText),
                RequestAuthenticator = authenticator,
            };
            string input = parseResult.GetValue(packet)!;
            bool failed = false;
            void Decode(string hex)
            {
                string json = DecodeLine(hex, loaded, options);
                failed |= json.StartsWith("{\"error\":", StringComparison.Ordinal);
                output.WriteLine(json);
            }

            if (input == "-")
            {
                TextReader reader = stdin();
                while (reader.ReadLine() is { } line)
                {
                    if (!string.IsNullOrWhiteSpace(line))
                    {
                        Decode(line);
                    }
                }
            }
            else
            {
                Decode(input);
            }

            return failed ? ExitFailed : ExitOk;
        });
        return command;
    }

    /// <summary>One JSON object for one hex packet; <c>{"error":"…"}</c> when it is not hex or not a packet.</summary>
    internal static string DecodeLine(string hex, RadiusDictionary dictionary, PacketDecodeOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (!TryParseHex(hex, out byte[] bytes))
            {
                PacketJsonWriter.WriteError(writer, "not a hex string");
            }
            else if (PacketDecoder.TryDecode(bytes, dictionary, options, out DecodedPacket? decoded) is var parseError && parseError != PacketParseError.None)
            {
                PacketJsonWriter.WriteError(writer, PacketJsonWriter.Describe(parseError));
            }
            else
            {
                PacketJsonWriter.Write(writer, decoded!);
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Accepts "28 01 00 1e …", "2801001e…", an optional 0x prefix and ':' separators (tcpdump / Wireshark copies).
    private static bool TryParseHex(string text, out byte[] bytes)
    {
        var digits = new StringBuilder(text.Length);
        string trimmed = text.Trim();
        if (trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[2..];
        }

        foreach (char c in trimmed)
        {
            if (char.IsAsciiHexDigit(c))
            {
                digits.Append(c);
            }
            else if (!char.IsWhiteSpace(c) && c != ':')
            {
                bytes = [];
                return false;
            }
        }

        if (digits.Length % 2 != 0)
        {
            bytes = [];
            return false;
        }

        bytes = Convert.FromHexString(digits.ToString());
        return true;
    }
}
