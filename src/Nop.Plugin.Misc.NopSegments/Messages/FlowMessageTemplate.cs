using Nop.Core.Domain.Messages;
using Nop.Services.Localization;
using Nop.Services.Messages;

namespace Nop.Plugin.Misc.NopSegments.Messages;

/// <summary>
/// The message template every flow email goes out through ("NopSegments.FlowEmail" under Content management > Message
/// templates): the shop owner picks its email account, adds BCC, wraps the flow's content in the store's own header and
/// footer (%Store.Name%, %Store.URL% and the other store tokens), or makes it inactive to stop every flow email at once.
/// </summary>
public sealed class FlowMessageTemplate(IMessageTemplateService templates, IEmailAccountService accounts, EmailAccountSettings accountSettings, ILocalizationService localization)
{
    public const string Name = "NopSegments.FlowEmail";
    public const string SubjectToken = "NopSegments.Subject";
    public const string BodyToken = "NopSegments.Body";

    public async Task InstallAsync()
    {
        if ((await templates.GetMessageTemplatesByNameAsync(Name)).Count > 0)
            return;
        var account = await accounts.GetEmailAccountByIdAsync(accountSettings.DefaultEmailAccountId) ?? (await accounts.GetAllEmailAccountsAsync()).FirstOrDefault();
        await templates.InsertMessageTemplateAsync(new MessageTemplate
        {
            Name = Name, Subject = $"%{SubjectToken}%", Body = $"%{BodyToken}%", IsActive = true, EmailAccountId = account?.Id ?? 0,
        });
        await localization.AddOrUpdateLocaleResourceAsync(new Dictionary<string, string>
        {
            [$"Admin.ContentManagement.MessageTemplates.Description.{Name}"] =
                $"Every NopSegments flow email (abandoned cart, browse abandonment, win-back…). %{SubjectToken}% and %{BodyToken}% are the flow step's subject and content; make it inactive to stop all flow emails.",
        });
    }

    public async Task UninstallAsync()
    {
        foreach (var template in await templates.GetMessageTemplatesByNameAsync(Name))
            await templates.DeleteMessageTemplateAsync(template);
        await localization.DeleteLocaleResourceAsync($"Admin.ContentManagement.MessageTemplates.Description.{Name}");
    }
}
