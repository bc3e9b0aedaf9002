using Nop.Core.Domain.Messages;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Plugin.Misc.NopSegments.Messages;
using NopSegments.Hosting;

namespace Nop.Plugin.Misc.NopSegments.Hosting;

/// <summary>
/// Flow emails go through nopCommerce's message queue by the plugin's message template, as nopCommerce's own messages do:
/// the template's email account, BCC and wrapping apply; an inactive template stops them (the flow records the send as
/// failed with the reason).
/// </summary>
internal sealed class NopEmailSender(
    IWorkflowMessageService workflow, IMessageTemplateService templates, IMessageTokenProvider tokens, IEmailAccountService accounts,
    EmailAccountSettings accountSettings, ILanguageService languages, Core.IStoreContext storeContext) : global::NopSegments.Hosting.IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var store = await storeContext.GetCurrentStoreAsync();
        var template = (await templates.GetMessageTemplatesByNameAsync(FlowMessageTemplate.Name, store.Id)).FirstOrDefault()
            ?? throw new InvalidOperationException($"nopCommerce has no message template {FlowMessageTemplate.Name}: reinstall the plugin to restore it");
        if (!template.IsActive)
            throw new InvalidOperationException($"The message template {FlowMessageTemplate.Name} is inactive: flow emails are switched off in nopCommerce");
        var account = await accounts.GetEmailAccountByIdAsync(template.EmailAccountId)
            ?? await accounts.GetEmailAccountByIdAsync(accountSettings.DefaultEmailAccountId)
            ?? (await accounts.GetAllEmailAccountsAsync()).FirstOrDefault()
            ?? throw new InvalidOperationException("nopCommerce has no email account: add one under Configuration > Email accounts");
        var languageId = (await languages.GetAllLanguagesAsync(storeId: store.Id)).FirstOrDefault()?.Id ?? 0;
        var list = new List<Token>
        {
            new(FlowMessageTemplate.SubjectToken, message.Subject),
            new(FlowMessageTemplate.BodyToken, message.HtmlBody, neverHtmlEncoded: true),
        };
        await tokens.AddStoreTokensAsync(list, store, account, languageId);
        await workflow.SendNotificationAsync(template, account, languageId, list, message.To, null, ignoreDelayBeforeSend: true);
    }
}
