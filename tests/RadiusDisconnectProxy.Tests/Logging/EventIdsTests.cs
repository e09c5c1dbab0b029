using System.Reflection;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Tests.Logging;

/// <summary>Every log message of the daemon has its own event id, taken from the one table, inside its area's range.</summary>
public sealed class EventIdsTests
{
    private static readonly Assembly s_daemon = typeof(EventIds).Assembly;

    [Fact]
    public void EveryLogMessage_HasADistinctIdFromTheTable()
    {
        var messages = s_daemon.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();
        var table = Table().ToDictionary(c => c.Value, c => c.Name);

        Assert.True(messages.Count >= 60, $"only {messages.Count} log messages found");
        Assert.Empty(messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}"));
        Assert.Empty(messages.Where(m => !table.ContainsKey(m.Attribute!.EventId)).Select(m => m.Method));
    }

    [Fact]
    public void TableIds_AreDistinct_AndEachAreaStaysInItsRange()
    {
        var constants = Table().ToList();

        Assert.Equal(constants.Count, constants.Select(c => c.Value).Distinct().Count());
        foreach (IGrouping<string, (string Area, string Name, int Value)> area in constants.GroupBy(c => c.Area))
        {
            int start = area.Min(c => c.Value) / 100 * 100;
            Assert.All(area, c => Assert.InRange(c.Value, start, start + 99));
        }

        Assert.Equal(5001, EventIds.Audit.Answered);
        Assert.Equal(4001, EventIds.Mqtt.MqttConnectFailed);
    }

    private static IEnumerable<(string Area, string Name, int Value)> Table() =>
        typeof(EventIds).GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)
            .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (area.Name, $"{area.Name}.{f.Name}", (int)f.GetRawConstantValue()!)));
}
