using Telco.InsightPortal.Web.Admin;
using Telco.InsightPortal.Web.Apps;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Datasets;
using Telco.InsightPortal.Web.Demo;
using Telco.InsightPortal.Web.Deployments;
using Telco.InsightPortal.Web.Experiments;
using Telco.InsightPortal.Web.Hosting;
using Telco.InsightPortal.Web.Registry;
using Telco.InsightPortal.Web.Security.Api;
using Telco.InsightPortal.Web.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalStore();
builder.AddAudit();
builder.AddPortalSecurity();
builder.AddPortalUi();
builder.AddPortalApi();
builder.AddDatasets();
builder.AddExperiments();
builder.AddRegistry();
builder.AddAdmin();
builder.AddDeployments();
builder.AddApps();
builder.AddDemoModels();

var app = builder.Build();
await app.MigrateStoreAsync();
await app.Services.GetRequiredService<BootstrapAdmin>().RunAsync(app.Lifetime.ApplicationStopping);
await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
app.UsePortalPipeline();
app.MapPortalUi();
app.MapPortalApi();
app.MapAccountEndpoints();
app.MapDeployments();
app.PrintUrlsWhenStarted();
app.Run();

public partial class Program;
