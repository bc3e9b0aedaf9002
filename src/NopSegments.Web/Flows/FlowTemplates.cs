using NopSegments.Data.Flows;

namespace NopSegments.Web.Flows;

/// <summary>
/// The messages each flow starts from: Liquid (Fluid) templates that the merchandiser's, under
/// <c>flows.&lt;key&gt;.subject</c>, <c>.html</c>, <c>.text</c> and <c>.sms</c>, replace when set. docs/flows.md lists the values.
/// </summary>
internal static class FlowTemplates
{
    public sealed record Set(string Subject, string Html, string Text, string Sms);

    private const string Footer = """
          <p style="font-size:12px;color:#777">You receive this because you agreed to hear from {{ store.name }}. <a href="{{ unsubscribe_url }}">Unsubscribe</a>.</p>
        </div>
        """;

    private const string CartLines = """
          <table style="width:100%;border-collapse:collapse">
            {% for line in cart.lines %}
            <tr><td style="padding:6px 0">{% if line.image_url %}<img src="{{ line.image_url }}" alt="" width="48" style="vertical-align:middle;margin-right:8px">{% endif %}{{ line.quantity }} × {{ line.name }}</td><td style="text-align:right">{{ line.total }} {{ cart.currency }}</td></tr>
            {% endfor %}
            <tr><td style="padding-top:8px"><b>Total</b></td><td style="text-align:right;padding-top:8px"><b>{{ cart.total }} {{ cart.currency }}</b></td></tr>
          </table>
          {% if discount.code %}<p>Use <b>{{ discount.code }}</b> at checkout for {{ discount.percent }}% off, until {{ discount.valid_until }}.</p>{% endif %}
          <p><a href="{{ restore_url }}" style="display:inline-block;background:#7a2e1f;color:#fff;padding:10px 18px;text-decoration:none">Return to your cart</a></p>
        """;

    private const string TextCart = """
        {% for line in cart.lines %}
        - {{ line.quantity }} x {{ line.name }}: {{ line.total }} {{ cart.currency }}
        {% endfor %}
        Total: {{ cart.total }} {{ cart.currency }}
        {% if discount.code %}
        Use {{ discount.code }} at checkout for {{ discount.percent }}% off, until {{ discount.valid_until }}.
        {% endif %}
        Return to your cart: {{ restore_url }}
        """;

    private const string Open = """<div style="font-family:Georgia,serif;max-width:560px;margin:auto;color:#2b2b2b">""";

    private const string Greeting = "{% if shopper.first_name %}{{ shopper.first_name }}, your{% else %}Your{% endif %}";

    public const string Subject = "{% if step == 1 %}You left something in your cart{% else %}Still thinking it over{% if shopper.first_name %}, {{ shopper.first_name }}{% endif %}?{% endif %}";

    public const string Html = Open + "\n  <h1 style=\"font-size:22px\">" + Greeting + " cart at {{ store.name }} is waiting</h1>\n" + CartLines + Footer;

    public const string Text = Greeting + " cart at {{ store.name }} is waiting:\n" + TextCart + "\n\nUnsubscribe: {{ unsubscribe_url }}";

    private const string CartSms = "{{ store.name }}: your cart is waiting ({{ cart.total }} {{ cart.currency }}): {{ restore_url }} Stop: {{ unsubscribe_url }}";

    private static readonly Set Cart = new(Subject, Html, Text, CartSms);

    private static readonly Set Checkout = new(
        "{% if step == 1 %}Your order is almost done{% else %}Your checkout at {{ store.name }} is still open{% endif %}",
        Open + "\n  <h1 style=\"font-size:22px\">You were nearly there</h1>\n  <p>" + Greeting + " order at {{ store.name }} is one step away.</p>\n" + CartLines + Footer,
        "You were nearly there: " + Greeting + " order at {{ store.name }} is one step away.\n" + TextCart + "\n\nUnsubscribe: {{ unsubscribe_url }}",
        "{{ store.name }}: your order is one step away: {{ restore_url }} Stop: {{ unsubscribe_url }}");

    private const string ProductBlock = """
          {% if product.name %}
          <p>{% if product.image_url %}<img src="{{ product.image_url }}" alt="" width="160"><br>{% endif %}<b>{{ product.name }}</b> — {{ product.price }} {{ cart.currency }}</p>
          <p><a href="{{ product.url }}" style="display:inline-block;background:#7a2e1f;color:#fff;padding:10px 18px;text-decoration:none">Take another look</a></p>
          {% else %}<p><a href="{{ store.url }}">Visit {{ store.name }}</a></p>{% endif %}
        """;

    private static readonly Set Product = new(
        "{% if product.name %}Still thinking about {{ product.name }}?{% else %}Still looking, {{ shopper.first_name }}?{% endif %}",
        Open + "\n  <h1 style=\"font-size:22px\">Still on your mind?</h1>\n" + ProductBlock + Footer,
        "Still on your mind? {% if product.name %}{{ product.name }}, {{ product.price }} {{ cart.currency }}: {{ product.url }}{% else %}{{ store.url }}{% endif %}\n\nUnsubscribe: {{ unsubscribe_url }}",
        "{{ store.name }}: still thinking about {% if product.name %}{{ product.name }}? {{ product.url }}{% else %}us? {{ store.url }}{% endif %} Stop: {{ unsubscribe_url }}");

    private static readonly Set WinBack = new(
        "We miss you{% if shopper.first_name %}, {{ shopper.first_name }}{% endif %}",
        Open + "\n  <h1 style=\"font-size:22px\">It has been a while</h1>\n  <p>There is plenty new at {{ store.name }} since your last order.</p>\n" +
        "  {% if discount.code %}<p>Use <b>{{ discount.code }}</b> for {{ discount.percent }}% off, until {{ discount.valid_until }}.</p>{% endif %}\n" +
        "  <p><a href=\"{{ store.url }}\" style=\"display:inline-block;background:#7a2e1f;color:#fff;padding:10px 18px;text-decoration:none\">See what is new</a></p>\n" + Footer,
        "It has been a while. There is plenty new at {{ store.name }}: {{ store.url }}{% if discount.code %}\nUse {{ discount.code }} for {{ discount.percent }}% off, until {{ discount.valid_until }}.{% endif %}\n\nUnsubscribe: {{ unsubscribe_url }}",
        "{{ store.name }} misses you: {{ store.url }}{% if discount.code %} Code {{ discount.code }}: {{ discount.percent }}% off{% endif %} Stop: {{ unsubscribe_url }}");

    private static readonly Set PostPurchase = new(
        "Thank you for your order{% if order.id %} {{ order.id }}{% endif %}",
        Open + "\n  <h1 style=\"font-size:22px\">Thank you{% if shopper.first_name %}, {{ shopper.first_name }}{% endif %}</h1>\n" +
        "  <p>We hope you are enjoying your order{% if order.id %} {{ order.id }}{% endif %}. Tell us how it went — just reply to this email.</p>\n" +
        "  <p><a href=\"{{ store.url }}\">Back to {{ store.name }}</a></p>\n" + Footer,
        "Thank you for your order{% if order.id %} {{ order.id }}{% endif %}. Tell us how it went: just reply.\n{{ store.url }}\n\nUnsubscribe: {{ unsubscribe_url }}",
        "{{ store.name }}: thank you for your order{% if order.id %} {{ order.id }}{% endif %}! Stop: {{ unsubscribe_url }}");

    private static readonly Set Custom = new(
        "News from {{ store.name }}",
        Open + "\n  <h1 style=\"font-size:22px\">Hello{% if shopper.first_name %} {{ shopper.first_name }}{% endif %}</h1>\n" +
        "  {% if cart.lines.size > 0 %}" + CartLines + "{% else %}" + ProductBlock + "{% endif %}\n" + Footer,
        "Hello{% if shopper.first_name %} {{ shopper.first_name }}{% endif %}, {% if cart.lines.size > 0 %}your cart is waiting: {{ restore_url }}{% else %}{{ store.url }}{% endif %}\n\nUnsubscribe: {{ unsubscribe_url }}",
        "{{ store.name }}: {% if cart.lines.size > 0 %}your cart is waiting: {{ restore_url }}{% else %}{{ store.url }}{% endif %} Stop: {{ unsubscribe_url }}");

    /// <summary>The built-in messages of a flow: its own for a built-in flow, the general ones for a custom flow.</summary>
    public static Set For(string flow) => flow switch
    {
        FlowCatalog.AbandonedCart => Cart,
        FlowCatalog.AbandonedCheckout => Checkout,
        FlowCatalog.BrowseAbandonment or FlowCatalog.BuyingIntent => Product,
        FlowCatalog.WinBack => WinBack,
        FlowCatalog.PostPurchase => PostPurchase,
        _ => Custom,
    };
}
