namespace RegisFlow.Tests.Browser;

/// <summary>Browser tests share one app and one Chromium, and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "Browser";
}
