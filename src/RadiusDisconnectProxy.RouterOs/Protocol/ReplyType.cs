namespace RadiusDisconnectProxy.RouterOs.Protocol;

/// <summary>The first word of a router sentence (API manual, "Reply word").</summary>
public enum ReplyType
{
    /// <summary><c>!re</c>: one data row.</summary>
    Re,
    /// <summary><c>!done</c>: the last reply to every command; may carry <c>=ret=</c>.</summary>
    Done,
    /// <summary><c>!trap</c>: the command failed; <c>=message=</c>, optional <c>=category=</c>; <c>!done</c> follows.</summary>
    Trap,
    /// <summary><c>!fatal</c>: the router closes the connection; the reason follows as a plain word.</summary>
    Fatal,
    /// <summary><c>!empty</c>: RouterOS 7.18+ "no rows"; <c>!done</c> follows.</summary>
    Empty,
}
