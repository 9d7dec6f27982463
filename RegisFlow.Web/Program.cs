using RegisFlow.Domain;
using RegisFlow.Domain.Data;
using RegisFlow.Web;
using RegisFlow.Web.Components;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.History;
using RegisFlow.Web.Health;
using RegisFlow.Web.Jobs;

if (args is ["healthcheck", ..])
{
    return await HealthCheckCommand.RunAsync(args);
}
if (args is ["restore", ..])
{
    return await RestoreCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddRegisFlowLogging();
builder.AddRegisFlowDomain();
builder.AddWebServices();

var app = builder.Build();
await app.Services.InitializeDatabaseAsync();

app.UseWebPipeline();
app.MapRegisFlowHealth();
app.MapAccountEndpoints();
app.MapJobs();
app.MapExportEndpoints();
app.MapPhotoEndpoints();
app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the in-process test host.</summary>
public partial class Program;
