using Bunit;
using MudBlazor.Services;

namespace RegisFlow.Tests.Infrastructure;

/// <summary>bunit context with MudBlazor's services and JS interop in loose mode, as every component test needs.</summary>
public abstract class ComponentTestBase : BunitContext
{
    protected ComponentTestBase()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
