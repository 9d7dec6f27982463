using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Https;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Users;
using RegisFlow.Web.Features.Sales;
using Xunit.Abstractions;
using static RegisFlow.Tests.Infrastructure.HttpForms;

namespace RegisFlow.Tests.Sales;

/// <summary>
/// Issue 11's memory bomb on the app as built, in its own process (so its memory is its own): four sellers each send the
/// 143 KB PNG of 7000 × 7000 pixels and a 24-megapixel camera JPEG into their three photo fields at once. The PNG is
/// refused from its header, the JPEGs are decoded sampled a few at a time, and the process's peak resident memory
/// (VmHWM, reset just before) stays within <see cref="PeakBoundMb"/> of where it was. Decoding them whole, as before,
/// cost about 450 MB per PNG.
/// </summary>
public class PhotoMemoryTests(DatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private const int Sellers = 4;
    private const int FieldsEach = 3;
    private const double PeakBoundMb = 300;

    [Fact]
    public async Task Memory_bombs_and_large_photos_sent_by_several_sellers_at_once_keep_the_process_under_its_peak_bound()
    {
        var port = Browser.RunAppProcess.FreePort();
        var baseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        await using var app = await AppProcess.StartAsync(["--urls", baseUrl], new Dictionary<string, string>
        {
            ["ConnectionStrings__RegisFlow"] = fixture.ConnectionString,
        });
        var store = await fixture.AddStoreAsync();
        var sellers = new List<(HttpClient Client, string Token)>();
        for (var i = 0; i < Sellers; i++)
        {
            var user = await fixture.AddUserAsync(UserRole.Employee, store.Id);
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
            using var login = await PostLoginAsync(client, user.UserName, TestAccounts.Password);
            sellers.Add((client, PhotoUploadEndpointTests.PageToken(await client.GetStringAsync("/ventes/nouvelle"))));
        }
        var bomb = TestImages.BlackPng(7000, 7000);
        var camera = TestImages.Jpeg(6000, 4000);
        // Warm up (Skia loaded, code compiled), then measure from here.
        using (var warmUp = await sellers[0].Client.SendAsync(PhotoUploadEndpointTests.Upload(TestImages.Jpeg(800, 600), sellers[0].Token)))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }
        var memory = new ProcessMemory(app.ProcessId);
        memory.ResetPeak();
        var before = memory.RssMb();

        var sends = sellers.SelectMany(s => Enumerable.Range(0, FieldsEach).SelectMany(_ => new[] { bomb, camera })
            .Select(file => SendAsync(s.Client, s.Token, file))).ToList();
        var answers = await Task.WhenAll(sends);

        var peak = memory.PeakMb();
        output.WriteLine($"{sends.Count} envois simultanés ({Sellers} vendeurs × {FieldsEach} champs × PNG {bomb.Length / 1024} Ko + JPEG {camera.Length / 1024} Ko) : "
            + $"RSS avant {before:0} Mo, pic {peak:0} Mo (+{peak - before:0} Mo)");
        Assert.All(answers.Where((_, i) => i % 2 == 0), a =>
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, a.Status);
            Assert.StartsWith("Cette image fait 7000 × 7000 pixels", a.Answer.Message, StringComparison.Ordinal);
        });
        Assert.All(answers.Where((_, i) => i % 2 == 1), a => Assert.Equal((HttpStatusCode.OK, 2000, 1333), (a.Status, a.Answer.Width, a.Answer.Height)));
        Assert.True(peak - before < PeakBoundMb, $"Le processus est monté de {before:0} Mo à {peak:0} Mo (borne : +{PeakBoundMb} Mo).");
    }

    private static async Task<(HttpStatusCode Status, PhotoUploadAnswer Answer)> SendAsync(HttpClient client, string token, byte[] file)
    {
        using var response = await client.SendAsync(PhotoUploadEndpointTests.Upload(file, token));
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<PhotoUploadAnswer>())!);
    }

    /// <summary>Resident memory of a process from /proc: current (VmRSS) and peak since the last reset (VmHWM).</summary>
    private sealed class ProcessMemory(int pid)
    {
        public double RssMb() => ReadKb("VmRSS:") / 1024.0;

        public double PeakMb() => ReadKb("VmHWM:") / 1024.0;

        /// <summary>Linux: writing "5" to clear_refs starts a new peak from the current resident memory.</summary>
        public void ResetPeak() => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

        private long ReadKb(string field)
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
            return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
    }
}
