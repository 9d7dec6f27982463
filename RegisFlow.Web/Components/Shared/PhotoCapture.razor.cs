using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using RegisFlow.Domain.Photos;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Sales;

namespace RegisFlow.Web.Components.Shared;

/// <summary>
/// Takes one photo: with the device's camera (rear one preferred) through getUserMedia where the page may use it, or
/// with the tablet's camera app (« Prendre une photo ») or its gallery (« Choisir une photo »). The picture goes straight
/// to the server (photo-upload.js, POST /photos/envoi: no base64, nothing through the circuit), which processes it once;
/// meanwhile the preview is the browser's own copy. The processed photo comes out as <see cref="Photo"/>, and the sale is
/// saved with it as it is. <see cref="BusyChanged"/> says when a photo is on its way, so the form waits for it.
/// </summary>
public sealed partial class PhotoCapture : IAsyncDisposable
{
    private const double CameraJpegQuality = 0.92;
    private const string UploadModule = "./js/photo-upload.js";
    private const string NotSent = "La photo n'a pas pu être envoyée (connexion interrompue ?) : réessayez.";

    private readonly string _cameraInputId = "photo-camera-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _galleryInputId = "photo-gallery-" + Guid.NewGuid().ToString("N")[..8];
    private ElementReference _video;
    private ElementReference _preview;
    private ElementReference _cameraInput;
    private ElementReference _galleryInput;
    private IJSObjectReference? _camera;
    private IJSObjectReference? _upload;
    private DotNetObjectReference<PhotoCapture>? _self;
    private bool _cameraSupported;
    private bool _cameraOpen;
    private bool _busy;
    private string? _error;
    private string? _notice;

    /// <summary>The photo the preview shows (null: none yet, or another one).</summary>
    private ProcessedPhoto? _previewOf;

    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private PhotoProcessor Processor { get; set; } = null!;
    [Inject] private PendingPhotos Pending { get; set; } = null!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = null!;
    [Inject] private AntiforgeryStateProvider Antiforgery { get; set; } = null!;
    [Inject] private ILogger<PhotoCapture> Logger { get; set; } = null!;

    [Parameter, EditorRequired] public string Label { get; set; } = "";
    [Parameter] public string? HelperText { get; set; }
    [Parameter] public bool Required { get; set; }
    [Parameter] public bool Disabled { get; set; }

    /// <summary>A message about this photo from the form's validation (the component's own problems win).</summary>
    [Parameter] public string? ErrorText { get; set; }

    [Parameter] public ProcessedPhoto? Photo { get; set; }
    [Parameter] public EventCallback<ProcessedPhoto?> PhotoChanged { get; set; }

    /// <summary>True from the moment a photo is sent until the server has answered.</summary>
    [Parameter] public EventCallback<bool> BusyChanged { get; set; }

    private bool ShowsPreview => !_cameraOpen && (_busy || Photo is not null);

    private const string KeyboardOpens = "if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); this.click(); }";

    private string FileButtonClass(bool filled) =>
        $"mud-button-root mud-button mud-button-{(filled ? "filled" : "outlined")} mud-button-{(filled ? "filled" : "outlined")}-primary "
        + $"mud-button-{(filled ? "filled" : "outlined")}-size-large mud-ripple" + (Disabled ? " mud-button-disabled" : "");

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            try
            {
                _upload ??= await JS.InvokeAsync<IJSObjectReference>("import", UploadModule);
                _camera = await JS.InvokeAsync<IJSObjectReference>("import", "./js/camera.js");
                _cameraSupported = _camera is not null && await _camera.InvokeAsync<bool>("isSupported");
            }
            catch (Exception e) when (e is JSException or JSDisconnectedException or OperationCanceledException)
            {
                Logger.LogWarning(e, "Modules photo indisponibles");
            }
            if (_cameraSupported)
            {
                StateHasChanged();
            }
        }
        await SyncPreviewAsync();
    }

    private Task UploadChosenAsync(ElementReference input) => UploadAsync(module => module.InvokeAsync<UploadResult>(
        "uploadChosen", input, _preview, PhotoUploadEndpoints.Route, AntiforgeryToken(), Processor.MaxBytes, Processor.TooLargeMessage));

    private async Task CaptureAsync()
    {
        // Not rendered before the call is sent: the frame is drawn from the video while it is still on screen.
        _cameraOpen = false;
        await UploadAsync(module => module.InvokeAsync<UploadResult>(
            "captureAndUpload", _video, _preview, PhotoUploadEndpoints.Route, AntiforgeryToken(), CameraJpegQuality));
    }

    private async Task UploadAsync(Func<IJSObjectReference, ValueTask<UploadResult>> send)
    {
        if (_busy)
        {
            return;
        }
        (_error, _notice, _busy) = (null, null, true);
        UploadResult result;
        try
        {
            // A photo chosen right after the page appeared, on a slow tablet, may come before the first render's import.
            _upload ??= await JS.InvokeAsync<IJSObjectReference>("import", UploadModule);
            var sending = send(_upload);
            await BusyChanged.InvokeAsync(true);
            result = await sending;
        }
        catch (JSException e)
        {
            Logger.LogWarning(e, "Envoi de la photo impossible");
            result = new UploadResult("failed", null, null, false);
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
            return; // the page is gone
        }
        try
        {
            await AcceptAsync(result);
        }
        finally
        {
            _busy = false;
            await BusyChanged.InvokeAsync(false);
        }
    }

    private async Task AcceptAsync(UploadResult result)
    {
        var photo = result is { Status: "ok", Token: { } token } ? Pending.Take(await CurrentCaller.GetAsync(), token) : null;
        if (photo is null)
        {
            _error = result.Status switch
            {
                "none" => null,
                "refused" => result.Message ?? PhotoProcessor.Unreadable,
                _ => NotSent,
            };
            await ClearPreviewAsync();
            return;
        }
        // A preview the browser could not draw itself (HEIC outside Safari) is replaced by the stored JPEG after render.
        _previewOf = result.PreviewShown ? photo : null;
        await PhotoChanged.InvokeAsync(photo);
    }

    private string AntiforgeryToken() => Antiforgery.GetAntiforgeryToken()?.Value ?? "";

    /// <summary>The stored JPEG as preview when the browser has no copy of its own (a form put back after a reconnection).</summary>
    private async Task SyncPreviewAsync()
    {
        if (_upload is null || _busy || ReferenceEquals(_previewOf, Photo))
        {
            return;
        }
        _previewOf = Photo;
        try
        {
            if (Photo is null)
            {
                await _upload.InvokeVoidAsync("clearPreview", _preview);
                return;
            }
            using var reference = new DotNetStreamReference(new MemoryStream(Photo.Data, writable: false));
            await _upload.InvokeVoidAsync("showStored", _preview, reference);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or OperationCanceledException)
        {
            Logger.LogDebug(e, "Aperçu de la photo non affiché");
        }
    }

    private async Task ClearPreviewAsync()
    {
        _previewOf = null;
        if (_upload is not null)
        {
            try
            {
                await _upload.InvokeVoidAsync("clearPreview", _preview);
            }
            catch (Exception e) when (e is JSException or JSDisconnectedException or OperationCanceledException)
            {
                Logger.LogDebug(e, "Aperçu de la photo non effacé");
            }
        }
    }

    private async Task OpenCameraAsync()
    {
        if (_camera is null)
        {
            return;
        }
        _error = null;
        _notice = null;
        _self ??= DotNetObjectReference.Create(this);
        _cameraOpen = true;
        StateHasChanged();
        string result;
        try
        {
            result = await _camera.InvokeAsync<string>("start", _video, _self);
        }
        catch (JSException e)
        {
            Logger.LogWarning(e, "Ouverture de la caméra impossible");
            result = "absent";
        }
        if (result == "ok")
        {
            return;
        }
        _cameraOpen = false;
        _cameraSupported = result == "busy";
        _notice = result switch
        {
            "denied" => "L'accès à la caméra a été refusé : utilisez « Prendre une photo » ou « Choisir une photo ».",
            "busy" => "La caméra est utilisée par une autre application : fermez-la puis réessayez, ou choisissez une photo.",
            _ => "Aucune caméra utilisable ici : utilisez « Prendre une photo » ou « Choisir une photo ».",
        };
    }

    private async Task RetakeAsync()
    {
        await RemoveAsync();
        if (_cameraSupported)
        {
            await OpenCameraAsync();
        }
    }

    private async Task RemoveAsync()
    {
        _error = null;
        await PhotoChanged.InvokeAsync(null);
    }

    private async Task CloseCameraAsync()
    {
        _cameraOpen = false;
        if (_camera is not null)
        {
            try
            {
                await _camera.InvokeVoidAsync("stop", _video);
            }
            catch (JSException e)
            {
                Logger.LogWarning(e, "Arrêt de la caméra impossible");
            }
        }
    }

    /// <summary>Called by camera.js when another photo field took the camera.</summary>
    [JSInvokable]
    public Task OnCameraStopped() => InvokeAsync(() =>
    {
        _cameraOpen = false;
        StateHasChanged();
    });

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_camera is not null)
            {
                await _camera.InvokeVoidAsync("stop", _video);
                await _camera.DisposeAsync();
            }
            if (_upload is not null)
            {
                await _upload.InvokeVoidAsync("clearPreview", _preview);
                await _upload.DisposeAsync();
            }
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException or JSException)
        {
            // The page is closing or gone, and its camera and preview with it.
        }
        _self?.Dispose();
    }

    /// <summary>What photo-upload.js answers: "ok" with the token to take the photo, "refused" with why, "failed", or "none".</summary>
    internal sealed record UploadResult(string Status, string? Token, string? Message, bool PreviewShown);
}
