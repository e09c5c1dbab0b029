using RadiusDisconnectProxy.LoadTests.Reporting;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

internal static class UserNameScenario
{
    public static Task<IReadOnlyList<LoadResult>> RunAsync(ScenarioContext context) =>
        throw new NotSupportedException("not wired yet");
}
