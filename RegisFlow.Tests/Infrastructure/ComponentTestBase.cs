using Bunit;
using MudBlazor.Services;

namespace RegisFlow.Tests.Infrastructure;

/// <summary>bunit context with MudBlazor's services and JS interop in loose mode, as every component test needs.</summary>
public abstract class ComponentTestBase : BunitContext
{
    // Components here load from a real database; on 2 busy cores bunit's 1 s default wait is too short.
    static ComponentTestBase() => DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    protected ComponentTestBase()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
