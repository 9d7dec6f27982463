using Microsoft.Extensions.Time.Testing;
using RegisFlow.Domain;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Users;

namespace RegisFlow.Tests.Sales;

/// <summary>A photo sent by the sale form waits on the server for that seller's form only, once, and not for long.</summary>
public class PendingPhotosTests
{
    private static readonly Caller Seller = new(7, "emma", "Emma Vendeuse", UserRole.Employee, 1);
    private static readonly Caller Colleague = new(8, "paul", "Paul Vendeur", UserRole.Employee, 1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly PendingPhotos _pending;

    public PendingPhotosTests() => _pending = new PendingPhotos(new PhotoProcessor(new RegisFlowOptions()), _clock);

    [Fact]
    public async Task A_photo_sent_is_processed_once_and_taken_once_by_the_seller_who_sent_it()
    {
        var sent = await _pending.AddAsync(Seller, new MemoryStream(TestImages.Jpeg(3000, 2000)));

        Assert.Equal((2000, 1333), (sent.Width, sent.Height));
        Assert.Null(_pending.Take(Colleague, sent.Token));
        var photo = _pending.Take(Seller, sent.Token);
        Assert.NotNull(photo);
        Assert.Equal(sent.SizeBytes, photo.SizeBytes);
        Assert.Null(_pending.Take(Seller, sent.Token));
    }

    [Fact]
    public async Task A_photo_not_taken_within_ten_minutes_is_dropped()
    {
        var sent = await _pending.AddAsync(Seller, new MemoryStream(TestImages.Jpeg(400, 300)));

        _clock.Advance(PendingPhotos.Lifetime + TimeSpan.FromSeconds(1));

        Assert.Null(_pending.Take(Seller, sent.Token));
    }

    [Fact]
    public async Task What_is_not_a_photo_is_refused_when_sent_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<PhotoRejectedException>(() =>
            _pending.AddAsync(Seller, new MemoryStream("Ceci est un fichier texte renommé en .jpg"u8.ToArray())));

        Assert.StartsWith("Ce fichier n'est pas une photo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_most_a_hundred_photos_wait_the_oldest_dropped_first()
    {
        var image = TestImages.Jpeg(64, 48);
        var first = await _pending.AddAsync(Seller, new MemoryStream(image));
        var tokens = new List<string>();
        for (var i = 0; i < PendingPhotos.Capacity; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(10));
            tokens.Add((await _pending.AddAsync(Seller, new MemoryStream(image))).Token);
        }

        Assert.Null(_pending.Take(Seller, first.Token));
        Assert.All(tokens, token => Assert.NotNull(_pending.Take(Seller, token)));
    }
}
