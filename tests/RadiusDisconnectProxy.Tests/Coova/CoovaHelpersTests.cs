using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Mqtt;

namespace RadiusDisconnectProxy.Tests.Coova;

public sealed class CoovaHelpersTests
{
    [Fact]
    public void CommandIds_ArePositiveBelow2Pow53_DistinctAndCarryTheInstanceId()
    {
        var generator = new CommandIdGenerator();
        long[] ids = Enumerable.Range(0, 10_000).Select(_ => generator.Next()).ToArray();

        Assert.All(ids, id => Assert.InRange(id, 1L << 32, (1L << 53) - 1));
        Assert.All(ids, id => Assert.Equal(generator.InstanceId, id >> 32));
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void CommandIds_OfTwoInstances_DoNotCollide()
    {
        var first = new CommandIdGenerator(1);
        var second = new CommandIdGenerator((1 << 21) - 1);
        long[] a = Enumerable.Range(0, 1000).Select(_ => first.Next()).ToArray();
        long[] b = Enumerable.Range(0, 1000).Select(_ => second.Next()).ToArray();

        Assert.Empty(a.Intersect(b));
        Assert.All(b, id => Assert.True(id < 1L << 53));
    }

    [Fact]
    public void ChilliUpdate_OnlyTheGivenParameters()
    {
        Assert.Equal("chilli_query update mac 0C-C6-FD-7B-8B-AA maxbwdown 4000000", ChilliCommand.Update("0C-C6-FD-7B-8B-AA", null, 4_000_000, null));
        Assert.Equal("chilli_query update mac 0C-C6-FD-7B-8B-AA sessiontimeout 60", ChilliCommand.Update("0C-C6-FD-7B-8B-AA", null, null, 60));
        Assert.Equal("chilli_query logout mac 0C-C6-FD-7B-8B-AA", ChilliCommand.Logout("0C-C6-FD-7B-8B-AA"));
    }

    [Fact]
    public void ChilliSpotKilobits_DoNotOverflow()
    {
        (ulong? up, ulong? down) = ChilliCommand.BandwidthBitsPerSecond(CoovaRequests.Coa("x") with { ChilliSpotBandwidthMaxUp = uint.MaxValue });

        Assert.Equal(uint.MaxValue * 1000UL, up);
        Assert.Null(down);
    }
}
