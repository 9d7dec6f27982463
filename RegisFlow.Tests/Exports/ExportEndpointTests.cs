using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using RegisFlow.Domain.Sales;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Exports;

public class ExportEndpointTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private HistoryWorld _world = null!;
    private Sale _sale = null!;
    private Sale _otherStoreSale = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await using var db = await fixture.CreateDbContextAsync();
        _world = await HistoryWorld.CreateAsync(db);
        _sale = (await TestSales.InsertAsync(db,
            TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 12, 23, 30), lastName: "Dupônt", photos: true)))[0];
        _otherStoreSale = (await TestSales.InsertAsync(db,
            TestSales.Build(_world.OtherStore, TestSales.AtParis(2026, 11, 12, 10, 0), lastName: "Arlésienne", photos: true)))[0];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/exports/csv")]
    [InlineData("/exports/pdf?from=2026-11-01")]
    [InlineData("/photos/1")]
    public async Task Exports_and_photos_are_refused_to_anonymous_visitors(string url)
    {
        await using var app = AppFactory.For(fixture);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(url);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Unauthorized });
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/?ReturnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task A_manager_downloads_the_filtered_csv_of_their_store_as_a_named_attachment()
    {
        await using var factory = AppFactory.For(fixture);
        var app = TestAuthentication.Use(factory);
        using var client = TestAuthentication.ClientFor(app, _world.Manager);

        using var response = await client.GetAsync("/exports/csv?from=2026-11-12&to=2026-11-12&q=DUPONT");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("registre-artifices-magasin-principal-2026-11-12-2026-11-12.csv",
            response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("Dupônt", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Arlésienne", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "registre-artifices-tous-magasins-debut-fin.xlsx")]
    [InlineData("pdf", "application/pdf", "registre-artifices-tous-magasins-debut-fin.pdf")]
    public async Task An_admin_downloads_every_store_as_xlsx_or_pdf(string format, string contentType, string fileName)
    {
        await using var factory = AppFactory.For(fixture);
        var app = TestAuthentication.Use(factory);
        using var client = TestAuthentication.ClientFor(app, _world.Admin);

        using var response = await client.GetAsync($"/exports/{format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000);
    }

    [Fact]
    public async Task An_export_of_a_store_that_does_not_exist_is_not_labelled_as_every_store()
    {
        await using var factory = AppFactory.For(fixture);
        var app = TestAuthentication.Use(factory);
        using var client = TestAuthentication.ClientFor(app, _world.Admin);

        using var response = await client.GetAsync("/exports/csv?store=987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Ce magasin n'existe pas.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_employee_or_a_manager_asking_for_another_store_gets_no_export()
    {
        await using var factory = AppFactory.For(fixture);
        var app = TestAuthentication.Use(factory);
        using var employee = TestAuthentication.ClientFor(app, _world.Employee);
        using var manager = TestAuthentication.ClientFor(app, _world.Manager);

        using var refused = await employee.GetAsync("/exports/csv");
        using var otherStore = await manager.GetAsync($"/exports/csv?store={_world.OtherStore}");
        using var badDate = await manager.GetAsync("/exports/csv?from=12/11/2026");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherStore.StatusCode);
        Assert.DoesNotContain("Arlésienne", await otherStore.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    [Fact]
    public async Task A_photo_is_served_to_its_stores_staff_and_not_to_another_stores_manager()
    {
        await using var factory = AppFactory.For(fixture);
        var app = TestAuthentication.Use(factory);
        using var employee = TestAuthentication.ClientFor(app, _world.Employee);
        using var otherManager = TestAuthentication.ClientFor(app, _world.OtherManager);
        var photo = _sale.Photos[0];

        using var own = await employee.GetAsync($"/photos/{photo.Id}");
        using var foreign = await otherManager.GetAsync($"/photos/{photo.Id}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("image/jpeg", own.Content.Headers.ContentType!.MediaType);
        Assert.Equal(photo.Data, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.NotEqual(photo.Data, await foreign.Content.ReadAsByteArrayAsync());
    }
}
