using System.Collections.Concurrent;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Pipeline;

/// <summary>A NAS driver for tests: does what <see cref="Behaviour"/> says and remembers every call.</summary>
internal sealed class TestDriver(string type = TestDriver.TypeName) : INasDriver
{
    public const string TypeName = "test";

    public string Type { get; } = type;

    public Func<DynamicAuthorizationRequest, NasTarget, CancellationToken, ValueTask<DriverResult>> Behaviour { get; set; } =
        (_, _, _) => ValueTask.FromResult(DriverResult.Ack("test ok"));

    public ConcurrentQueue<(DynamicAuthorizationRequest Request, NasTarget Nas)> Calls { get; } = new();

    public ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken)
    {
        Calls.Enqueue((request, nas));
        return Behaviour(request, nas, cancellationToken);
    }

    /// <summary>Calls wait for <paramref name="release"/>.</summary>
    public void HoldUntil(Task release, DriverResult result) =>
        Behaviour = async (_, _, ct) =>
        {
            await release.WaitAsync(ct);
            return result;
        };
}

internal sealed record TestNasSettings : NasSettings;
