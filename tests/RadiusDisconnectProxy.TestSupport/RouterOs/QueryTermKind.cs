namespace RadiusDisconnectProxy.TestSupport.RouterOs;

internal enum QueryTermKind
{
    /// <summary><c>?#ops</c>: stack operations, the operators are in <see cref="QueryTerm.Name"/>.</summary>
    Operations,

    /// <summary><c>?name</c>: the property exists.</summary>
    Present,

    /// <summary><c>?-name</c>: the property does not exist.</summary>
    Absent,

    /// <summary><c>?name=value</c> or <c>?=name=value</c>.</summary>
    Equal,

    /// <summary><c>?&lt;name=value</c>.</summary>
    Less,

    /// <summary><c>?&gt;name=value</c>.</summary>
    Greater,
}
