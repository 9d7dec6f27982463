using System.Collections;
using System.Resources;
using MudBlazor;
using RegisFlow.Web.Components.Localization;

namespace RegisFlow.Tests.Foundation;

/// <summary>MudBlazor's own words (a required field, a pager, a dialog's close button) reach the user in French.</summary>
public class FrenchMudLocalizerTests
{
    /// <summary>Every text of MudBlazor's built-in English resource, read from the package itself.</summary>
    private static Dictionary<string, string> MudBlazorEnglish()
    {
        var assembly = typeof(MudTextField<>).Assembly;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal)))
        {
            using var reader = new ResourceReader(assembly.GetManifestResourceStream(name)!);
            foreach (DictionaryEntry entry in reader)
            {
                texts[(string)entry.Key] = (string)entry.Value!;
            }
        }
        return texts;
    }

    [Fact]
    public void Every_text_of_MudBlazor_has_a_French_translation()
    {
        var english = MudBlazorEnglish();
        Assert.Contains("MudFormComponent_Required", english.Keys);

        var missing = english.Keys.Except(FrenchMudLocalizer.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Sans traduction : " + string.Join(", ", missing));
    }

    [Fact]
    public void A_required_field_and_a_close_button_speak_French_with_their_arguments_filled()
    {
        var localizer = new FrenchMudLocalizer();

        Assert.Equal("Champ obligatoire", localizer["MudFormComponent_Required"].Value);
        Assert.Equal("Fermer", localizer["MudDialog_Close"].Value);
        Assert.Equal("1-25 sur 300", localizer["MudDataGridPager_InfoFormat", 1, 25, 300].Value);
        Assert.True(localizer["Inconnue"].ResourceNotFound);
    }
}
