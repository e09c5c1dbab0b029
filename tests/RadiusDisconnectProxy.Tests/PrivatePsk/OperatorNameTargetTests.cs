using RadiusDisconnectProxy.Drivers.PrivatePsk;

namespace RadiusDisconnectProxy.Tests.PrivatePsk;

public sealed class OperatorNameTargetTests
{
    [Fact]
    public void A_Mesh_Operator_Name_Names_The_Node_And_The_Entry()
    {
        OperatorNameTarget? target = OperatorNameTarget.Parse("m_hosta_5_12_1_146");

        Assert.Equal(new OperatorNameTarget(OnMesh: true, GroupId: 5, EntryId: 12, Radio: 1, DeviceId: 146), target);
    }

    [Fact]
    public void An_Ap_Operator_Name_Names_The_Ap_And_The_Entry()
    {
        Assert.Equal(new OperatorNameTarget(false, 3, 9, 0, 7), OperatorNameTarget.Parse("a_hosta_3_9_0_7"));
    }

    [Fact]
    public void An_Rfc5580_Namespace_Octet_Before_The_Name_Is_Skipped()
    {
        Assert.Equal(146, OperatorNameTarget.Parse("1m_hosta_5_12_1_146")?.DeviceId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1example.net")]
    [InlineData("m_hosta_5_12")]
    [InlineData("m_hosta_5_12_1_146_9")]
    [InlineData("m_hosta_5_12_1_x")]
    [InlineData("m_hosta_5_12_1_0")]
    [InlineData("m_hosta_5_12_1_-4")]
    public void Anything_Else_Is_Not_A_Private_Psk_Target(string? value)
    {
        Assert.Null(OperatorNameTarget.Parse(value));
    }
}
