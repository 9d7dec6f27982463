using System.Collections.Concurrent;
using System.Security.Cryptography;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Photos;

/// <summary>A photo received and processed, waiting for its sale form: the token the browser hands back, and what to show.</summary>
public sealed record PendingPhoto(string Token, int Width, int Height, int SizeBytes);

/// <summary>
/// Photos sent by the sale form straight to the server (POST, never through the circuit), processed once and kept in
/// memory until the same user's form takes them, a few seconds later (<see cref="Lifetime"/> at most; at most
/// <see cref="Capacity"/> waiting, the oldest dropped first). The sale is then saved with the processed photo as it is.
/// </summary>
public sealed class PendingPhotos(PhotoProcessor processor, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int Capacity = 100;

    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    private sealed record Entry(int UserId, ProcessedPhoto Photo, DateTimeOffset ReceivedAt);

    /// <summary>Processes a photo sent by someone who may record sales; <see cref="PhotoRejectedException"/> says why one is refused.</summary>
    public async Task<PendingPhoto> AddAsync(Caller caller, Stream source, CancellationToken ct = default)
    {
        caller.Demand(Permission.CreateSale);
        var photo = await processor.ProcessAsync(source, ct);
        var now = clock.GetUtcNow();
        DropStale(now);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _entries[token] = new Entry(caller.UserId, photo, now);
        return new PendingPhoto(token, photo.Width, photo.Height, photo.SizeBytes);
    }

    /// <summary>The photo sent with <paramref name="token"/>, once, for the user who sent it; null otherwise.</summary>
    public ProcessedPhoto? Take(Caller caller, string token)
    {
        if (!_entries.TryGetValue(token, out var entry) || entry.UserId != caller.UserId || !_entries.TryRemove(token, out entry))
        {
            return null;
        }
        return clock.GetUtcNow() - entry.ReceivedAt <= Lifetime ? entry.Photo : null;
    }

    private void DropStale(DateTimeOffset now)
    {
        foreach (var (token, entry) in _entries)
        {
            if (now - entry.ReceivedAt > Lifetime)
            {
                _entries.TryRemove(token, out _);
            }
        }
        foreach (var (token, _) in _entries.OrderBy(e => e.Value.ReceivedAt).Take(Math.Max(0, _entries.Count - Capacity + 1)))
        {
            _entries.TryRemove(token, out _);
        }
    }
}
