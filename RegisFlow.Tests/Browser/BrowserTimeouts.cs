using Microsoft.Playwright;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// How long a browser test waits for the operation it awaits, on a 2-core machine that CI may load with other work.
/// A wait ends as soon as its condition holds, so generous bounds cost nothing when all is well.
/// </summary>
public static class BrowserTimeouts
{
    /// <summary>A page's answer to a click or a key: one render over the circuit, or a page load.</summary>
    public const float Reaction = 20_000;

    /// <summary>Server work a user waits for: a photo decoded and re-encoded, a sale saved with its photos, an export, a backup.</summary>
    public const float ServerWork = 90_000;

    public static LocatorAssertionsToBeVisibleOptions AfterServerWork => new() { Timeout = ServerWork };
}
