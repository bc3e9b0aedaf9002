namespace NopSegments.Web.Flows;

/// <summary>
/// The abandoned-cart email as a merchandiser starts from: Liquid (Fluid) templates under the settings keys
/// <c>flows.abandoned_cart.subject</c>, <c>.html</c> and <c>.text</c>, which replace these when set.
/// Values: <c>shopper.first_name</c>, <c>cart.lines</c> (<c>name</c>, <c>sku</c>, <c>quantity</c>, <c>price</c>,
/// <c>total</c>), <c>cart.total</c>, <c>cart.currency</c>, <c>restore_url</c>, <c>unsubscribe_url</c>, <c>store.name</c>,
/// <c>store.url</c>, <c>step</c> (1, 2, 3, …), <c>discount.code</c>, <c>discount.percent</c>, <c>discount.valid_until</c> (on the
/// step that carries a code).
/// </summary>
internal static class FlowTemplates
{
    public const string Subject = "{% if step == 1 %}You left something in your cart{% else %}Still thinking it over{% if shopper.first_name %}, {{ shopper.first_name }}{% endif %}?{% endif %}";

    public const string Html = """
        <div style="font-family:Georgia,serif;max-width:560px;margin:auto;color:#2b2b2b">
          <h1 style="font-size:22px">{% if shopper.first_name %}{{ shopper.first_name }}, your{% else %}Your{% endif %} cart at {{ store.name }} is waiting</h1>
          <table style="width:100%;border-collapse:collapse">
            {% for line in cart.lines %}
            <tr><td style="padding:6px 0">{{ line.quantity }} × {{ line.name }}</td><td style="text-align:right">{{ line.total }} {{ cart.currency }}</td></tr>
            {% endfor %}
            <tr><td style="padding-top:8px"><b>Total</b></td><td style="text-align:right;padding-top:8px"><b>{{ cart.total }} {{ cart.currency }}</b></td></tr>
          </table>
          {% if discount.code %}<p>Use <b>{{ discount.code }}</b> at checkout for {{ discount.percent }}% off, until {{ discount.valid_until }}.</p>{% endif %}
          <p><a href="{{ restore_url }}" style="display:inline-block;background:#7a2e1f;color:#fff;padding:10px 18px;text-decoration:none">Return to your cart</a></p>
          <p style="font-size:12px;color:#777">You receive this because you agreed to hear from {{ store.name }}. <a href="{{ unsubscribe_url }}">Unsubscribe</a>.</p>
        </div>
        """;

    public const string Text = """
        {% if shopper.first_name %}{{ shopper.first_name }}, your{% else %}Your{% endif %} cart at {{ store.name }} is waiting:
        {% for line in cart.lines %}
        - {{ line.quantity }} x {{ line.name }}: {{ line.total }} {{ cart.currency }}
        {% endfor %}
        Total: {{ cart.total }} {{ cart.currency }}
        {% if discount.code %}
        Use {{ discount.code }} at checkout for {{ discount.percent }}% off, until {{ discount.valid_until }}.
        {% endif %}
        Return to your cart: {{ restore_url }}

        Unsubscribe: {{ unsubscribe_url }}
        """;
}
