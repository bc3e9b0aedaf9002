using NopSegments.Data;

namespace NopSegments.Web.Hosting;

/// <summary>How a host configures the module.</summary>
public sealed class NopSegmentsOptions
{
    /// <summary>The database holding the module's tables: the shop's own.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string for <see cref="Provider"/>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Where the module's admin pages live.</summary>
    public string AdminPath { get; set; } = "/admin/nopsegments";

    /// <summary>
    /// False (default): <c>Track</c> only queues; a background writer stores events in batches, a graceful
    /// shutdown stores everything queued, and a crash loses at most what was still queued. True: <c>Track</c>
    /// stores the event in its own transaction before it returns, so a crash loses nothing that was
    /// tracked, at the cost of a database round trip (milliseconds) on the store's request.
    /// </summary>
    public bool Durable { get; set; }

    /// <summary>
    /// A MaxMind DB file for the visitor's country: ip-location-db's CC0 country database, or a licensed
    /// GeoIP2 City/Country file. None: countries come from orders and the customer's address only.
    /// </summary>
    public string? GeoDatabasePath { get; set; }

    /// <summary>Where the browser tracker posts events.</summary>
    public string TrackPath { get; set; } = "/nopsegments/track";

    /// <summary>Events one visitor's browser may post per minute before getting 429.</summary>
    public int BrowserEventsPerMinute { get; set; } = 120;

    /// <summary>
    /// Events browsers at one address (as the host's forwarded-headers settings resolve it) may post per minute before
    /// getting 429: room for a shared office or mobile carrier address, not for a script minting cookies. Default 1,200.
    /// </summary>
    public int AddressEventsPerMinute { get; set; } = 1_200;

    /// <summary>Events all browsers together may post per minute; past it everyone gets 429 for a moment. Default 600,000.</summary>
    public int StoreEventsPerMinute { get; set; } = 600_000;

    /// <summary>
    /// How many events may wait for the database before browsing events (page, product and category views, searches) are
    /// shed; the store's own events (orders, refunds, carts) may wait in twice this room. Default 100,000.
    /// </summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>The longest pause between two tries of a batch while the database is away. Default 30 seconds.</summary>
    public TimeSpan WriterRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a segment preview in the admin may run before it answers "took too long". Default 10 seconds.</summary>
    public TimeSpan PreviewTimeLimit { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the editor's live preview waits before it answers "still counting" and goes on in the background (up to
    /// <see cref="PreviewTimeLimit"/>), the editor showing the count when it comes. Default 1 second.
    /// </summary>
    public TimeSpan PreviewAnswerTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often events older than the <c>privacy.retention_days</c> setting are purged. Default one day; zero turns the
    /// purge off (a demo store whose seeded history is older than any window).
    /// </summary>
    public TimeSpan RetentionPurgeInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Where the browser tracker posts the email a guest types at checkout (<c>{"email", "consent"}</c>).</summary>
    public string IdentifyPath { get; set; } = "/nopsegments/identify";

    /// <summary>
    /// The CSS selector of the checkout's email field, whose address the tracker posts to <see cref="IdentifyPath"/> when
    /// the shopper leaves it. Default: fields marked <c>data-nopsegments-identify="email"</c>; a host whose checkout it cannot
    /// mark names its own field (nopCommerce: <c>#BillingNewAddress_Email</c>).
    /// </summary>
    public string CheckoutEmailField { get; set; } = "input[data-nopsegments-identify=\"email\"]";

    /// <summary>The CSS selector of the marketing-consent box beside the checkout's email field.</summary>
    public string CheckoutConsentField { get; set; } = "input[data-nopsegments-consent]";

    /// <summary>Where an email's unsubscribe link points.</summary>
    public string UnsubscribePath { get; set; } = "/nopsegments/unsubscribe";

    /// <summary>Where an email's open pixel (<c>/open</c>) and tracked links (<c>/click</c>) point.</summary>
    public string EmailTrackingPath { get; set; } = "/nopsegments/email";

    /// <summary>How often due flow steps are looked for. Default 30 seconds.</summary>
    public TimeSpan FlowInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the module serves its browser assets.</summary>
    public string AssetsPath { get; set; } = "/nopsegments/assets";

    /// <summary>How often due segment checks (time windows passing) are re-evaluated. Default 30 seconds.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How old the members of RFM segments (and segments reading them) may get before the sweep rescores them:
    /// RFM ranks every buyer against all others, so one order can move many. Default one hour.
    /// </summary>
    public TimeSpan RfmRescoreInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Where the browser tracker asks for a page's offers and reports views, clicks and closes.</summary>
    public string OffersPath { get; set; } = "/nopsegments/offers";

    /// <summary>
    /// True when the host caches storefront pages and serves one copy to many shoppers: widget zones then render an
    /// empty placeholder that the tracker fills per shopper. Default false (offers rendered in the page).
    /// </summary>
    public bool CachedPages { get; set; }

    /// <summary>How often the live campaigns are read again for what other nodes saved. Default 30 seconds.</summary>
    public TimeSpan CampaignRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
