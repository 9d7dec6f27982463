using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using RegisFlow.Domain;
using RegisFlow.Tests.Browser;
using RegisFlow.Tests.Sales;
using SkiaSharp;
using Xunit.Abstractions;

namespace RegisFlow.Tests.Deployment;

/// <summary>
/// The image built by docker/Dockerfile, run by docker/compose.yaml under podman on local stand-ins for the official
/// base images (docker/local-images), used in Chromium as a shop would.
/// </summary>
[Collection(DeploymentCollection.Name)]
public class SingleInstanceDeploymentTests(SingleInstanceFixture fixture, ITestOutputHelper output) : IClassFixture<SingleInstanceFixture>
{
    private const string NewAdminPassword = "admin-du-conteneur-2026";
    private const string Buyer = "Conteneur-Moreau";
    private static readonly Regex BackupName = new(@"^regisflow-\d{8}-\d{6}(-\d+)?\.rfbak$");

    private PodmanStack Stack => fixture.Stack;

    [Fact]
    public async Task A_shop_signs_in_records_a_sale_backs_up_and_finds_everything_again_after_down_and_up()
    {
        output.WriteLine($"Premier démarrage (up jusqu'à /health 200, base créée) : {fixture.FirstStart.TotalSeconds:0.0} s");
        await using (var browser = await Chromium.OpenAsync(fixture.Browser, Stack.AppUrl))
        {
            var failed = FailedResponses(browser.Page);
            try
            {
                await browser.Page.SignInChangingPasswordIfAskedAsync("admin", "admin123", NewAdminPassword);
                await Assertions.Expect(browser.Page).ToHaveURLAsync(new Regex("/ventes/nouvelle$"), new() { Timeout = 30_000 });
                await RecordSaleAsync(browser.Page);
                await BackUpAsync(browser.Page);
            }
            catch
            {
                await browser.ScreenshotAsync("deploiement-echec");
                output.WriteLine(await Stack.RecentLogsAsync());
                throw;
            }
            Assert.Empty(failed);
            await browser.AssertNoErrorsAsync();
        }
        var backups = await Stack.FilesInVolumeAsync("backups");
        Assert.Single(backups, name => BackupName.IsMatch(name));

        await Stack.DownAsync();
        Assert.Empty(await Stack.ContainerAsync("regisflow"));
        var restart = await Stack.UpAsync(Stack.AppUrl + "/health");
        output.WriteLine($"Redémarrage après down (up jusqu'à /health 200) : {restart.TotalSeconds:0.0} s");

        await using (var browser = await Chromium.OpenAsync(fixture.Browser, Stack.AppUrl))
        {
            var page = browser.Page;
            // The changed password, and no forced change: the account came back as it was left.
            await page.SignInAsync("admin", NewAdminPassword);
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/ventes/nouvelle$"), new() { Timeout = 30_000 });
            await page.OpenAsync("/historique");
            await page.GetByLabel("Rechercher").FillAsync(Buyer);
            await Assertions.Expect(page.Locator(".mud-table-body tr").Filter(new() { HasText = Buyer })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await browser.AssertNoErrorsAsync();
        }
        Assert.Equal(backups, await Stack.FilesInVolumeAsync("backups"));
    }

    [Fact]
    public async Task The_app_runs_unprivileged_on_a_read_only_system_within_its_limits_and_the_database_demands_scram()
    {
        var status = (await Stack.ExecAsync("regisflow", "cat", "/proc/1/status")).Output;
        Assert.Matches(@"(?m)^Uid:\s+1654\s", status);
        Assert.Matches(@"(?m)^NoNewPrivs:\s+1$", status);
        Assert.Contains("Read-only file system", (await Stack.ExecAsync("regisflow", "touch", "/app/essai")).All, StringComparison.Ordinal);
        Assert.Equal(0, (await Stack.ExecAsync("regisflow", "touch", "/tmp/essai")).ExitCode);

        // The compose file's limits, as the kernel applies them to the container (cgroup v1 or v2).
        var limits = (await Stack.ExecAsync("regisflow", "sh", "-c",
            "cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us")).Output
            .Split(['\n', ' '], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("1073741824", limits[0]);
        Assert.Equal(limits[1], limits[2]);

        // The image's HEALTHCHECK command, run the way the engine runs it.
        Assert.Equal(0, (await PodmanStack.TryPodmanAsync("healthcheck", "run", await Stack.ContainerAsync("regisflow"))).ExitCode);
        // No SDK and no sources in the final image: only the runtime and the published app.
        Assert.Equal("", (await Stack.ExecAsync("regisflow", "dotnet", "--list-sdks")).Output.Trim());
        Assert.Equal("", (await Stack.ExecAsync("regisflow", "sh", "-c",
            "find / -xdev \\( -name '*.cs' -o -name '*.csproj' -o -name '*.razor' \\) 2>/dev/null")).Output.Trim());
        Assert.Equal(0, (await Stack.ExecAsync("regisflow", "test", "-x", "/usr/bin/heif-convert")).ExitCode);

        Assert.Equal("scram-sha-256", await Stack.QueryAsync("SHOW password_encryption"));
        var database = $"Host=127.0.0.1;Port={Stack.DatabasePort};Database=regisflow;Username=regisflow";
        var refused = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(database + ";Password=pas-le-bon-mot-de-passe"));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        await OpenAsync(database + ";Password=" + Stack.DatabasePassword);

        var size = long.Parse(await Stack.PodmanAsync("image", "inspect", PodmanImages.AppImage, "--format", "{{.Size}}"), CultureInfo.InvariantCulture);
        output.WriteLine($"Image {PodmanImages.AppImage} : {size / 1_000_000} Mo");
    }

    [Fact]
    public async Task The_image_refuses_to_start_with_the_secrets_of_the_example_file_one_line_each()
    {
        var run = await PodmanStack.TryPodmanAsync("run", "--rm", "--network", "none",
            "--env-file", Repository.PathOf("docker/.env.production.example"), PodmanImages.AppImage);

        Assert.Equal(1, run.ExitCode);
        var lines = run.All.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("level=", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines, line => Assert.Contains("valeur d'exemple de .env.production.example", line, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(ProductionSecrets.SessionSecretKey, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("BACKUP_ENCRYPTION_KEY", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("PHOTO_ENCRYPTION_KEY", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(ProductionSecrets.PostgresPasswordKey, StringComparison.Ordinal));
    }

    /// <summary>A sale as at the counter: one product, a passport photographed by an iPhone (HEIC) and the receipt.</summary>
    private static async Task RecordSaleAsync(IPage page)
    {
        await page.OpenAsync("/ventes/nouvelle");
        // The administrator works on "every store" until one is chosen in the top bar.
        await page.Locator(".store-selector").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(BrowserAccounts.MainStore, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex("^Magasin : "))).ToContainTextAsync(BrowserAccounts.MainStore, new() { Timeout = 30_000 });
        await SaleBrowserTests.FillLineAsync(page, 1, "Fusée", "F2", "2", SaleBrowserTests.RightEan);
        await SaleBrowserTests.Field(page, "Nom").FillAsync(Buyer);
        await SaleBrowserTests.Field(page, "Prénoms").FillAsync("Inès Louise");
        await SaleBrowserTests.Field(page, "Date de naissance").FillAsync("1990-04-12");
        await SaleBrowserTests.Field(page, "Lieu de naissance").FillAsync("Rennes");
        await SaleBrowserTests.Field(page, "Adresse").FillAsync("5 rue de la Soif, 35000 Rennes");
        await page.GetByText("Espèce", new() { Exact = true }).ClickAsync();
        await page.GetByText("Passeport", new() { Exact = true }).ClickAsync();
        await SaleBrowserTests.Field(page, "Numéro").FillAsync("22CD67890");
        await SaleBrowserTests.Field(page, "Autorité de délivrance").FillAsync("Préfecture d'Ille-et-Vilaine");
        await SaleBrowserTests.Field(page, "Date de délivrance").FillAsync("2022-09-01");

        var idPhoto = page.Locator("[data-photo=\"Pièce d'identité (recto)\"]");
        await idPhoto.Locator("input[data-source=gallery]").SetInputFilesAsync(new FilePayload
        {
            Name = "IMG_0042.HEIC",
            MimeType = "image/heic",
            Buffer = TestImages.Heic(),
        });
        // Chromium cannot draw a HEIC itself: the preview is the JPEG the server made of it.
        await Assertions.Expect(idPhoto.GetByTestId("photo-stored")).ToContainTextAsync("32 × 32 px", new() { Timeout = 30_000 });
        await Assertions.Expect(idPhoto.GetByRole(AriaRole.Img)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await SaleBrowserTests.UploadPhotoAsync(page, "Ticket de caisse", SKColors.SeaGreen);

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" }).ClickAsync();
        var saved = page.GetByRole(AriaRole.Alert).Filter(new() { HasTextRegex = new Regex(@"Vente n° \d+ enregistrée") }).First;
        await Assertions.Expect(saved).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    private static async Task BackUpAsync(IPage page)
    {
        await page.OpenAsync("/administration");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sauvegarder maintenant" }).ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex("^Sauvegarde créée"))).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    /// <summary>Every response of 400 or more the page receives (a stylesheet, a script, the page itself).</summary>
    private static List<string> FailedResponses(IPage page)
    {
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };
        return failed;
    }

    private static async Task OpenAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
    }
}
