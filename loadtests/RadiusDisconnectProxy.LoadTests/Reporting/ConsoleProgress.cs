using System.Globalization;
using RadiusDisconnectProxy.LoadTests.Load;
using Spectre.Console;

namespace RadiusDisconnectProxy.LoadTests.Reporting;

/// <summary>
/// The live progress line: rewritten in place on a terminal; on redirected output a plain line every 5 seconds.
/// </summary>
internal sealed class ConsoleProgress(string name, bool enabled) : IProgressSink
{
    private readonly bool _interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi;
    private int _samples;

    public void Report(IntervalRow interval, LoadTotals totals, int inFlight)
    {
        if (!enabled)
        {
            return;
        }

        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"{name} {interval.ElapsedSeconds,6:0.0}s  {interval.AnsweredPerSecond,9:N0}/s  in flight {inFlight,5}  sent {totals.Sent:N0}  ACK {totals.Ack:N0}  NAK {totals.Nak:N0}  lost {totals.Lost:N0}  invalid {totals.Invalid:N0}  p50 {interval.P50:0.000} ms  p99 {interval.P99:0.000} ms");
        if (_interactive)
        {
            AnsiConsole.Markup("\r[grey]" + Markup.Escape(line) + "[/]\u001b[K");
        }
        else if (_samples % 5 == 0)
        {
            Console.WriteLine(line);
        }

        _samples++;
    }

    /// <summary>Ends the in-place line before the final table.</summary>
    public void Finish()
    {
        if (enabled && _interactive)
        {
            AnsiConsole.WriteLine();
        }
    }
}
