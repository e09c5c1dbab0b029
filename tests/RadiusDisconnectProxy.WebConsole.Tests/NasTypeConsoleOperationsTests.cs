using System.Data.Common;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Configuration.Validation;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.WebConsole.Tests;

/// <summary>
/// The console offers a NAS what its type's capabilities say, for any type in the list — including one the console has
/// never heard of — and never names a type itself.
/// </summary>
public sealed class NasTypeConsoleOperationsTests
{
    [Fact]
    public async Task ATypeWithTestAndListing_GetsBoth_OneWithout_GetsNeither_UnlessRadacctCanList()
    {
        var toolbox = new MadeUpType("Made-Up-Toolbox", NasCapabilities.Disconnect | NasCapabilities.ConnectionTest | NasCapabilities.SessionListing);
        var plain = new MadeUpType("Made-Up-Plain", NasCapabilities.Disconnect);
        NasTypes types = NasTypes.Builtin.With(toolbox, plain);
        NasTarget a = Nas("a", toolbox), b = Nas("b", plain);
        var operations = new NasTypeConsoleOperations(new NasRegistry([a, b]), types, radacct: null);

        ConsoleNas first = operations.Nases.Single(n => n.Name == "a");
        ConsoleNas second = operations.Nases.Single(n => n.Name == "b");
        ConnectionTestResult test = await operations.TestAsync(first, CancellationToken.None);
        SessionListResult sessions = await operations.ListSessionsAsync(first, CancellationToken.None);
        ConnectionTestResult noTest = await operations.TestAsync(second, CancellationToken.None);
        SessionListResult noSessions = await operations.ListSessionsAsync(second, CancellationToken.None);

        Assert.True(first.CanTest);
        Assert.Equal("nas", first.SessionSource);
        Assert.False(second.CanTest);
        Assert.Null(second.SessionSource);
        Assert.True(test.Ok);
        Assert.Equal([new KeyValuePair<string, string>("model", "made-up")], test.Properties);
        ConsoleSession session = Assert.Single(sessions.Sessions);
        Assert.Equal(("s1", "line", "zoe"), (session.Id, session.Kind, session.User));
        Assert.Equal(IPAddress.Parse("10.9.0.1"), session.Keys.FramedIpAddress);
        Assert.Equal("02:00:00:00:00:01", session.Keys.CallingStationId);
        Assert.False(noTest.Ok);
        Assert.False(noSessions.Ok);
        Assert.Contains("radacct", noSessions.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingNas_IsReportedWithItsMessage_NotThrown()
    {
        var broken = new MadeUpType("Made-Up-Broken", NasCapabilities.Disconnect | NasCapabilities.ConnectionTest | NasCapabilities.SessionListing, fail: true);
        NasTarget nas = Nas("x", broken);
        var operations = new NasTypeConsoleOperations(new NasRegistry([nas]), NasTypes.Builtin.With(broken), radacct: null);

        ConnectionTestResult test = await operations.TestAsync(operations.Nases[0], CancellationToken.None);
        SessionListResult sessions = await operations.ListSessionsAsync(operations.Nases[0], CancellationToken.None);

        Assert.Equal((false, "box unreachable"), (test.Ok, test.Error));
        Assert.Equal((false, "box unreachable"), (sessions.Ok, sessions.Error));
    }

    private static NasTarget Nas(string name, MadeUpType type) =>
        new() { Name = name, Type = type.Name, NasIdentifier = name, Settings = new MadeUpSettings() };

    private sealed record MadeUpSettings : NasSettings;

    private sealed class MadeUpType(string name, NasCapabilities capabilities, bool fail = false) : NasType
    {
        public override string Name => name;

        public override NasCapabilities Capabilities => capabilities;

        public override IReadOnlyCollection<string> ConfigKeys => [];

        public override NasSettings ReadSettings(NasSection section) => new MadeUpSettings();

        public override ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, IPAddress? nasIp,
            DbConnection connection, CancellationToken cancellationToken) => ValueTask.FromResult(DatabaseMapping.Unusable("not in a database"));

        public override string Describe(NasSettings settings) => "made up";

        public override void AddServices(IServiceCollection services, ProxyOptions options)
        {
        }

        public override INasAdmin? CreateAdmin() => new Admin(fail);
    }

    private sealed class Admin(bool fail) : INasAdmin
    {
        public Task<IReadOnlyList<KeyValuePair<string, string>>> TestConnectionAsync(NasTarget nas, CancellationToken cancellationToken) =>
            fail ? throw new NasAdminException("box unreachable")
                 : Task.FromResult<IReadOnlyList<KeyValuePair<string, string>>>([new("model", "made-up")]);

        public Task<IReadOnlyList<NasSession>> ListSessionsAsync(NasTarget nas, CancellationToken cancellationToken) =>
            fail ? throw new NasAdminException("box unreachable")
                 : Task.FromResult<IReadOnlyList<NasSession>>([new NasSession("s1", "line", "zoe", "10.9.0.1", "02:00:00:00:00:01", "5m", null)]);

        public Task<IReadOnlyList<NasSession>> KickAsync(NasTarget nas, SessionSelector selector, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the console disconnects through the request executor, never through INasAdmin.KickAsync");
    }
}
