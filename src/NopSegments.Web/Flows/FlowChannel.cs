using NopSegments.Data.Flows;
using NopSegments.Hosting;

namespace NopSegments.Web.Flows;

/// <summary>
/// A way a flow step reaches a person (email, SMS, webhook): who it goes to, and the sending. A send that throws is
/// kept as failed with the message and tried again; the runner has already claimed the step's send key.
/// </summary>
internal interface IFlowChannel
{
    string Name { get; }

    /// <summary>Where the step goes for this customer (address, number, endpoint), or null when it cannot reach them.</summary>
    string? RecipientOf(CustomerInfo customer, IReadOnlyDictionary<string, string> settings);

    /// <summary>Why <see cref="RecipientOf"/> found no one, as the flow's page says it.</summary>
    string NoRecipient { get; }

    /// <summary>Sends the step; returns the line the ledger keeps (the subject, the text's start, the endpoint).</summary>
    Task<string> SendAsync(FlowDelivery delivery, CancellationToken ct);
}

/// <summary>One step on its way: the flow, the ledger's send, the message's values, and the run's services.</summary>
internal sealed record FlowDelivery(
    FlowDefinition Flow, long SendId, string SendKey, string Recipient, FlowMessages.Model Model, IReadOnlyDictionary<string, string> Settings,
    IServiceProvider Services);
