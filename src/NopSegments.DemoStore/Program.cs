using NopSegments.DemoStore;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Segments;
using NopSegments.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDemoStore();

var app = builder.Build();
await app.SeedDemoStoreAsync();

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/not-found", "?code={0}");
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<VisitorCookieMiddleware>();
app.MapRazorPages();
app.MapNopSegments();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var urls = string.Join(", ", app.Urls);
    Console.WriteLine($"""

        Hearth & Holly demo store is running at {urls}
          Store admin:  {app.Urls.FirstOrDefault()}/admin   ({DemoAccounts.AdminEmail} / {DemoAccounts.AdminPassword})
          Demo shopper: {DemoAccounts.ShopperEmail} / {DemoAccounts.ShopperPassword}
        Install NopSegments at /admin/plugins, shop a little, then open Store events in the admin menu.

        """);
});

await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
