namespace NopSegments.Web.Admin;

/// <summary>The definition a new campaign starts from: every part filled in, so the merchandiser edits instead of looking up names.</summary>
internal static class CampaignStarter
{
    public const string Json = """
        {
          "slug": "cart-comeback",
          "name": "10 % off for cart abandoners who come back",
          "audience": { "segment": "cart-abandoners", "pageTypes": ["product"] },
          "placement": "productdetails_top",
          "trigger": { "on": "arrival" },
          "priority": 10,
          "caps": { "perSession": 1, "perDay": 2, "total": 5 },
          "stopAfter": ["conversion", "close"],
          "content": {
            "title": "Welcome back",
            "body": "<p>Your cart is waiting. Take <strong>10 % off</strong> today.</p>",
            "cta": "Back to your cart",
            "ctaUrl": "/cart"
          },
          "discount": { "percent": 10, "valid": "7d" },
          "variants": [ { "name": "A", "weight": 50 }, { "name": "B", "weight": 50, "content": { "title": "Still thinking it over?" } } ],
          "holdout": 10,
          "conversionWindow": "7d"
        }
        """;
}
