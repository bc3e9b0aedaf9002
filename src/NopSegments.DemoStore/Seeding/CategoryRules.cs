namespace NopSegments.DemoStore.Seeding;

/// <summary>
/// Derives a product's category from its description: the first rule with a keyword that starts a
/// word of the description wins ("TIN" matches "TINS" but not "BUNTING"; a trailing space, as in
/// "PEN ", asks for the whole word); no match means
/// "Gifts &amp; More". The table is documented in docs/demo-store.md, and the order matters
/// ("CHRISTMAS LIGHTS" is Christmas, not Lights).
/// </summary>
internal static class CategoryRules
{
    public const string Fallback = "Gifts & More";

    public static IReadOnlyList<(string Category, string[] Keywords)> Rules { get; } =
    [
        ("Christmas", ["CHRISTMAS", "XMAS", "ADVENT", "SANTA", "REINDEER", "SNOWFLAKE", "NATIVITY"]),
        ("Candles & Lights", ["CANDLE", "T-LIGHT", "TLIGHT", "TEA LIGHT", "LANTERN", "LIGHT", "LAMP", "INCENSE"]),
        ("Bags & Purses", ["BAG", "PURSE", "TOTE", "SHOPPER", "WALLET"]),
        ("Home Textiles", ["CUSHION", "BLANKET", "HOT WATER BOTTLE", "THROW", "QUILT", "BATH TOWEL"]),
        ("Kitchen & Dining", ["MUG", "CUP", "PLATE", "BOWL", "JUG", "TEAPOT", "CAKE", "BAKING", "KITCHEN", "LUNCH BOX",
            "NAPKIN", "TEA TOWEL", "APRON", "CUTLERY", "SPOON", "JAR", "TRAY", "COASTER", "BOTTLE", "CASES", "TIN"]),
        ("Cards & Wrapping", ["CARD", "WRAP", "PAPER", "ENVELOPE", "NOTEBOOK", "PENCIL", "PEN ", "STICKER", "TAPE",
            "GIFT TAG", "RIBBON", "NOTE BOOK", "DIARY", "CALENDAR"]),
        ("Toys & Games", ["TOY", "GAME", "DOLL", "PUZZLE", "JIGSAW", "DOMINO", "SKIPPING", "PLAYHOUSE", "TEDDY",
            "SPACEBOY", "CRAYON", "COLOURING", "BALLOON", "PLAYING"]),
        ("Signs & Decor", ["SIGN", "PLAQUE", "DOORMAT", "FRAME", "CLOCK", "MIRROR", "HANGING", "WALL ART", "BUNTING",
            "GARLAND", "DECORATION", "ORNAMENT", "VASE", "DOORSTOP", "HOOK"]),
        ("Garden", ["GARDEN", "PLANT", "FLOWER POT", "BIRD", "WATERING", "SEED", "PARASOL"]),
        ("Jewellery & Accessories", ["NECKLACE", "BRACELET", "EARRING", "RING", "HAIR", "UMBRELLA", "BROOCH", "KEYRING", "CHARM"]),
    ];

    public static string Classify(string description)
    {
        var text = Words(description);
        foreach (var (category, keywords) in Rules)
        {
            if (keywords.Any(k => text.Contains(" " + k.Replace('-', ' '), StringComparison.Ordinal)))
                return category;
        }
        return Fallback;
    }

    /// <summary>" T LIGHT HOLDER ": upper case, hyphens and punctuation as spaces, a space before every word.</summary>
    private static string Words(string text) =>
        " " + string.Join(' ', text.ToUpperInvariant().Split([' ', '-', ',', '.', '/', '&'], StringSplitOptions.RemoveEmptyEntries)) + " ";

    public static string Slug(string category) =>
        string.Join('-', category.ToLowerInvariant().Replace("&", " ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
