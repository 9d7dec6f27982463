using MudBlazor;

namespace RegisFlow.Web.Components.Layout;

public static class RegisFlowTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#b3261e",
            Secondary = "#1f4e79",
            AppbarBackground = "#b3261e",
        },
    };
}
