using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.JSInterop;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;

namespace RegisFlow.Web.Features.Sales;

/// <summary>A draft read back from the browser: the fields, and the photos that could be restored.</summary>
public sealed record SaleDraft(SaleInput Input, Dictionary<PhotoKind, ProcessedPhoto> Photos);

/// <summary>
/// Keeps the sale form's draft in the browser (IndexedDB, sale-draft.js), so a reload, a lost connection, an app restart or
/// a database outage of any length loses nothing typed. The server encrypts it with a key of the signed-in user (ASP.NET
/// Data Protection, purpose per user id, keys kept in the database): the browser never holds a readable draft, and another
/// user signing in on the same tablet neither finds nor could read it. Photos are kept as the processed JPEG the sale
/// would store, so restoring one needs nothing on the server (the pending photo may be long gone). Writes go one at a
/// time, in the order of the changes; one per circuit (scoped).
/// </summary>
public sealed class SaleDrafts(IJSRuntime js, IDataProtectionProvider protection, ILogger<SaleDrafts> logger) : IAsyncDisposable
{
    private const string Purpose = "RegisFlow.Sales.Draft.v1";
    private const long MaxPhotoBytes = 20 * 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly Dictionary<PhotoKind, ProcessedPhoto> _storedPhotos = [];
    private IJSObjectReference? _module;
    private int _pending;

    /// <summary>Raised on the circuit's thread of whoever awaits, when a write starts or ends (<see cref="Pending"/>).</summary>
    public event Action? StateChanged;

    /// <summary>Writes queued or under way.</summary>
    public int Pending => _pending;

    /// <summary>Photos in the last draft written.</summary>
    public int StoredPhotoCount => _storedPhotos.Count;

    private sealed record Stored(SaleInput Input, Dictionary<PhotoKind, StoredPhoto> Photos);

    private sealed record StoredPhoto(int Width, int Height);

    /// <summary>Reads the caller's draft, or null when there is none (or it cannot be read: another key, damaged).</summary>
    public async Task<SaleDraft?> LoadAsync(Caller caller)
    {
        // After the writes already queued: a page made again in the same connection finds what the last one typed.
        await _writes.WaitAsync();
        try
        {
            return await ReadAsync(caller);
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task<SaleDraft?> ReadAsync(Caller caller)
    {
        var module = await ModuleAsync();
        var protector = Protector(caller);
        var text = await module.InvokeAsync<string?>("loadText", Owner(caller));
        if (text is null)
        {
            return null;
        }
        Stored? stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(protector.Unprotect(text), Json);
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            logger.LogWarning(e, "Brouillon de vente illisible, ignoré");
            return null;
        }
        if (stored?.Input is null)
        {
            return null;
        }
        var photos = new Dictionary<PhotoKind, ProcessedPhoto>();
        foreach (var (kind, size) in stored.Photos ?? [])
        {
            try
            {
                var reference = await module.InvokeAsync<IJSStreamReference>("loadPhoto", Owner(caller), kind.ToString());
                await using var stream = await reference.OpenReadStreamAsync(MaxPhotoBytes);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer);
                if (buffer.Length > 0)
                {
                    photos[kind] = new ProcessedPhoto(protector.Unprotect(buffer.ToArray()), size.Width, size.Height);
                }
            }
            catch (CryptographicException e)
            {
                logger.LogWarning(e, "Photo du brouillon illisible, ignorée");
            }
        }
        _storedPhotos.Clear();
        foreach (var (kind, photo) in photos)
        {
            _storedPhotos[kind] = photo;
        }
        return new SaleDraft(stored.Input, photos);
    }

    /// <summary>
    /// Queues a write of the form as it is now (the fields are copied at once; only photos changed since the last write are
    /// sent). A failed write is logged: the form itself keeps working.
    /// </summary>
    public Task SaveAsync(Caller caller, SaleInput input, IReadOnlyDictionary<PhotoKind, ProcessedPhoto> photos)
    {
        var protector = Protector(caller);
        var stored = new Stored(input, photos.ToDictionary(p => p.Key, p => new StoredPhoto(p.Value.Width, p.Value.Height)));
        var text = protector.Protect(JsonSerializer.Serialize(stored, Json));
        var snapshot = photos.ToDictionary();
        return WriteAsync(async module =>
        {
            await module.InvokeVoidAsync("saveText", Owner(caller), text);
            foreach (var kind in _storedPhotos.Keys.Where(k => !snapshot.ContainsKey(k)).ToList())
            {
                await module.InvokeVoidAsync("removePhoto", Owner(caller), kind.ToString());
                _storedPhotos.Remove(kind);
            }
            foreach (var (kind, photo) in snapshot.Where(p => !ReferenceEquals(_storedPhotos.GetValueOrDefault(p.Key), p.Value)))
            {
                using var content = new MemoryStream(protector.Protect(photo.Data));
                using var reference = new DotNetStreamReference(content);
                await module.InvokeVoidAsync("savePhoto", Owner(caller), kind.ToString(), reference);
                _storedPhotos[kind] = photo;
            }
        });
    }

    /// <summary>Forgets the caller's draft (after a saved sale, or when the seller empties the form).</summary>
    public Task ClearAsync(Caller caller) => WriteAsync(async module =>
    {
        await module.InvokeVoidAsync("clear", Owner(caller));
        _storedPhotos.Clear();
    });

    private async Task WriteAsync(Func<IJSObjectReference, Task> write)
    {
        Interlocked.Increment(ref _pending);
        StateChanged?.Invoke();
        await _writes.WaitAsync();
        try
        {
            await write(await ModuleAsync());
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or OperationCanceledException or TaskCanceledException)
        {
            logger.LogWarning(e, "Brouillon de vente non enregistré dans le navigateur");
        }
        finally
        {
            _writes.Release();
            Interlocked.Decrement(ref _pending);
            StateChanged?.Invoke();
        }
    }

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/sale-draft.js");

    private IDataProtector Protector(Caller caller) =>
        protection.CreateProtector(Purpose, "user:" + caller.UserId.ToString(CultureInfo.InvariantCulture));

    private static string Owner(Caller caller) => "vente-" + caller.UserId.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is gone.
            }
        }
        _writes.Dispose();
    }
}
