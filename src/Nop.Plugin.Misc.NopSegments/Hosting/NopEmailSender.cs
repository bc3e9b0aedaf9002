using Nop.Core.Domain.Messages;
using Nop.Services.Messages;
using NopSegments.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Hosting;

/// <summary>Flow emails go through nopCommerce's message queue from its default email account, as its own messages do.</summary>
internal sealed class NopEmailSender(IQueuedEmailService queue, IEmailAccountService accounts, EmailAccountSettings settings) : global::NopSegments.Hosting.IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var account = await accounts.GetEmailAccountByIdAsync(settings.DefaultEmailAccountId)
            ?? (await accounts.GetAllEmailAccountsAsync()).FirstOrDefault()
            ?? throw new InvalidOperationException("nopCommerce has no email account: add one under Configuration > Email accounts");
        await queue.InsertQueuedEmailAsync(new QueuedEmail
        {
            From = account.Email, FromName = account.DisplayName, To = message.To, Subject = message.Subject, Body = message.HtmlBody,
            EmailAccountId = account.Id, PriorityId = (int)QueuedEmailPriority.High, CreatedOnUtc = DateTime.UtcNow,
        });
    }
}
