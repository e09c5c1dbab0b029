namespace RadiusDisconnectProxy.TestSupport.Meshdesk;

/// <summary>A command a simulated node accepted (its <c>mac</c> matched), exactly as it came over the wire.</summary>
/// <param name="Topic">The topic it arrived on.</param>
/// <param name="Json">The payload text.</param>
/// <param name="CmdId">The <c>cmd_id</c> field.</param>
/// <param name="Command">The <c>cmd</c> field.</param>
/// <param name="Action">The <c>action</c> field.</param>
/// <param name="Retained">The MQTT retain flag as delivered.</param>
public sealed record ReceivedNodeCommand(string Topic, string Json, long CmdId, string Command, string Action, bool Retained);
