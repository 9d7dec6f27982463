using RegisFlow.Domain;
using RegisFlow.Domain.Data;
using RegisFlow.Web;
using RegisFlow.Web.Components;
using RegisFlow.Web.Features.Audit;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.History;
using RegisFlow.Web.Features.Inspection;
using RegisFlow.Web.Features.Https;
using RegisFlow.Web.Features.Sales;
using RegisFlow.Web.Features.Suspicious;
using RegisFlow.Web.Health;
using RegisFlow.Web.Jobs;
using RegisFlow.Web.Monitoring;

// A refused start (a deployment secret missing or weak) prints its French lines, not a stack trace.
AppDomain.CurrentDomain.UnhandledException += StartupRefusedException.PrintAndExit;

if (args is ["healthcheck", ..])
{
    return await HealthCheckCommand.RunAsync(args);
}
if (args is ["restore", ..])
{
    return await RestoreCommand.RunAsync(args);
}
if (args is ["backup", ..])
{
    return await BackupCommand.RunAsync(args);
}
if (args is ["reset-password", ..])
{
    return await ResetPasswordCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
ProductionSecrets.Enforce(builder.Configuration, builder.Environment);
builder.AddRegisFlowLogging();
builder.AddRegisFlowDomain();
builder.AddWebServices();
builder.AddLanHttps();
builder.AddRegisFlowMonitoring();

var app = builder.Build();
await app.Services.InitializeDatabaseAsync();

app.UseWebPipeline();
app.MapRegisFlowMetrics();
app.MapRegisFlowHealth();
app.MapAccountEndpoints();
app.MapJobs();
app.MapExportEndpoints();
app.MapPhotoEndpoints();
app.MapAuditEndpoints();
app.MapInspectionEndpoints();
app.MapSuspiciousEndpoints();
app.MapPhotoUploadEndpoints();
app.MapCertificateEndpoints();
app.LogReachableAddresses();
app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the in-process test host.</summary>
public partial class Program;
