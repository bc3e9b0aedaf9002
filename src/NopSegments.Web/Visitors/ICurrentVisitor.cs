namespace NopSegments.Web.Visitors;

/// <summary>The visitor behind the current request, from the module's signed cookies.</summary>
public interface ICurrentVisitor
{
    /// <summary>The visitor's id; a new visitor gets one (and its cookie) on first use.</summary>
    string VisitorId { get; }

    /// <summary>The browsing session; a new one starts after 30 minutes without activity.</summary>
    string SessionId { get; }

    /// <summary>True when the request carried a visitor cookie that failed its signature check.</summary>
    bool CookieWasRejected { get; }
}
