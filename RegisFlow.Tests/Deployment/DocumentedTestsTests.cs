using System.Reflection;
using System.Text.RegularExpressions;

namespace RegisFlow.Tests.Deployment;

/// <summary>
/// The production checklist and the guides prove each line by naming a test: a renamed or deleted test must not leave a
/// line that points at nothing.
/// </summary>
public partial class DocumentedTestsTests
{
    [Theory]
    [InlineData("docs/checklist-production.md")]
    [InlineData("docs/guide-administrateur.md")]
    [InlineData("docs/reprise.md")]
    public void Every_test_a_document_cites_exists(string document)
    {
        var text = File.ReadAllText(Repository.PathOf(document));
        var classes = typeof(DocumentedTestsTests).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Tests", StringComparison.Ordinal))
            .GroupBy(t => t.Name)
            .ToDictionary(g => g.Key, g => g.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)).Select(m => m.Name).ToList());

        var cited = CitedTest().Matches(text).Select(m => (Class: m.Groups[1].Value, Method: m.Groups[2].Value.TrimEnd('…'))).ToList();

        Assert.NotEmpty(cited);
        Assert.All(cited, c =>
        {
            Assert.True(classes.ContainsKey(c.Class), $"{document} cite {c.Class}, qui n'existe pas");
            Assert.True(c.Method.Length == 0 || classes[c.Class].Any(m => m.StartsWith(c.Method, StringComparison.Ordinal)),
                $"{document} cite {c.Class}.{c.Method}, qui n'existe pas");
        });
    }

    /// <summary>`ClassTests` or `ClassTests.Method_name_or_its_start…` in backquotes.</summary>
    [GeneratedRegex(@"`(\w+Tests)(?:\.(\w+…?))?`")]
    private static partial Regex CitedTest();
}
