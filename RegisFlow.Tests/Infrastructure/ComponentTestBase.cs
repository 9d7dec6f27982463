using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using RegisFlow.Web.Features.Https;

namespace RegisFlow.Tests.Infrastructure;

/// <summary>bunit context with MudBlazor's services and JS interop in loose mode, as every component test needs.</summary>
public abstract class ComponentTestBase : BunitContext
{
    // Components here load from a real database; on 2 busy cores bunit's 1 s default wait is too short.
    static ComponentTestBase() => DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    protected ComponentTestBase()
    {
        Services.AddMudServices();
        Services.AddTransient<MudBlazor.MudLocalizer, RegisFlow.Web.Components.Localization.FrenchMudLocalizer>();
        // The sale page's photos say where HTTPS is; a component test has no server and so no HTTPS address.
        Services.AddSingleton<LanHttps>();
        // What the page's antiforgery token would be; the photo fields send it with each photo.
        Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public const string Token = "jeton-antiforgery-de-test";

        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(Token, "__RequestVerificationToken");
    }
}
