namespace RegisFlow.Tests.Browser;

/// <summary>The screens the shops use: a phone, a tablet both ways round, a computer.</summary>
public sealed record Viewport(string Name, int Width, int Height)
{
    public static readonly Viewport Phone = new("telephone", 390, 844);
    public static readonly Viewport TabletPortrait = new("tablette-portrait", 820, 1180);
    public static readonly Viewport TabletLandscape = new("tablette-paysage", 1180, 820);
    public static readonly Viewport Desktop = new("ordinateur", 1440, 900);

    public static readonly IReadOnlyList<Viewport> All = [Phone, TabletPortrait, TabletLandscape, Desktop];

    public static Viewport Named(string name) => All.Single(v => v.Name == name);

    public static TheoryData<string> Names() => new(All.Select(v => v.Name));

    public override string ToString() => $"{Name} {Width}×{Height}";
}
