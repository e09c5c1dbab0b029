using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace RadiusDisconnectProxy.TestSupport.Services;

/// <summary>
/// <c>mosquitto_sub -v</c> as an independent witness of what went over the wire: it prints "topic payload" lines,
/// read here one at a time. <see cref="StartAsync"/> returns once the subscription is live (proved by a probe message
/// that the caller publishes through <paramref name="publishProbe"/> until it comes back).
/// </summary>
public sealed class MosquittoSubscriber : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly string _probeTopic;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();

    /// <summary>The payload of a probe sent on the watched topic itself.</summary>
    public const string ProbePayload = "rdp-test-probe";

    private MosquittoSubscriber(Process process, string probeTopic)
    {
        _process = process;
        _probeTopic = probeTopic;
    }

    /// <param name="publishProbe">Publishes any payload to the given topic on the same broker.</param>
    /// <param name="probeOnWatchedTopic">
    /// Probe on the watched topic itself (payload <see cref="ProbePayload"/>, skipped by <see cref="NextAsync"/>), for a
    /// broker that lets this login subscribe to nothing else (the embedded broker's node login).
    /// </param>
    public static async Task<MosquittoSubscriber> StartAsync(string host, int port, string? username, string? password, string topic,
        Func<string, Task> publishProbe, TimeSpan timeout, bool probeOnWatchedTopic = false)
    {
        string probeTopic = probeOnWatchedTopic ? topic + " " + ProbePayload : "/rdp-test/probe/" + Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("mosquitto_sub") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] topics = probeOnWatchedTopic ? ["-t", topic] : ["-t", topic, "-t", probeTopic];
        foreach (string argument in new[] { "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-v" }.Concat(topics))
        {
            start.ArgumentList.Add(argument);
        }

        if (username is not null)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(username);
            start.ArgumentList.Add("-P");
            start.ArgumentList.Add(password ?? "");
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto_sub did not start");
        var subscriber = new MosquittoSubscriber(process, probeTopic);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                subscriber._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                subscriber._errors.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var ready = new CancellationTokenSource(timeout);
        while (true)
        {
            if (ready.IsCancellationRequested || process.HasExited)
            {
                string errors = string.Join(" | ", subscriber._errors);
                await subscriber.DisposeAsync().ConfigureAwait(false);
                throw new TimeoutException($"mosquitto_sub did not subscribe to {topic} on {host}:{port}: {errors}");
            }

            await publishProbe(probeOnWatchedTopic ? topic : probeTopic).ConfigureAwait(false);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ready.Token);
            wait.CancelAfter(TimeSpan.FromMilliseconds(200));
            try
            {
                string line = await subscriber._lines.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                if (line.StartsWith(probeTopic, StringComparison.Ordinal))
                {
                    return subscriber;
                }
            }
            catch (OperationCanceledException)
            {
                // Not subscribed yet: probe again.
            }
        }
    }

    /// <summary>The next message on the watched topic (probe echoes are skipped) as (topic, payload).</summary>
    public async Task<(string Topic, string Payload)> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            string line = await _lines.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
            if (line.StartsWith(_probeTopic, StringComparison.Ordinal))
            {
                continue;
            }

            int space = line.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? (line, "") : (line[..space], line[(space + 1)..]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }
}
