using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using RegisFlow.Domain.Photos;

namespace RegisFlow.Web.Components.Shared;

/// <summary>
/// Takes one photo: with the device's camera (rear one preferred) through getUserMedia, or from a file or the phone's
/// camera app when the camera is refused or absent. The picture reaches the server as a stream (never base64), is
/// checked and downscaled by <see cref="PhotoProcessor"/>, and comes out as <see cref="Photo"/>.
/// </summary>
public sealed partial class PhotoCapture : IAsyncDisposable
{
    private const double CameraJpegQuality = 0.92;

    private readonly string _inputId = "photo-" + Guid.NewGuid().ToString("N")[..8];
    private ElementReference _video;
    private IJSObjectReference? _module;
    private DotNetObjectReference<PhotoCapture>? _self;
    private bool _cameraSupported;
    private bool _cameraOpen;
    private bool _busy;
    private string? _error;
    private string? _notice;
    private ProcessedPhoto? _thumbnailOf;
    private string? _thumbnailUrl;

    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private PhotoProcessor Processor { get; set; } = null!;
    [Inject] private ILogger<PhotoCapture> Logger { get; set; } = null!;

    [Parameter, EditorRequired] public string Label { get; set; } = "";
    [Parameter] public string? HelperText { get; set; }
    [Parameter] public bool Required { get; set; }
    [Parameter] public bool Disabled { get; set; }

    /// <summary>A message about this photo from the form's validation (the component's own problems win).</summary>
    [Parameter] public string? ErrorText { get; set; }

    [Parameter] public ProcessedPhoto? Photo { get; set; }
    [Parameter] public EventCallback<ProcessedPhoto?> PhotoChanged { get; set; }

    private string FileButtonClass =>
        "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-large mud-ripple"
        + (Disabled || _busy ? " mud-button-disabled" : "");

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(Photo, _thumbnailOf))
        {
            return;
        }
        _thumbnailOf = Photo;
        _thumbnailUrl = Photo is null ? null : "data:image/jpeg;base64," + Convert.ToBase64String(Processor.Thumbnail(Photo));
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/camera.js");
            _cameraSupported = _module is not null && await _module.InvokeAsync<bool>("isSupported");
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException)
        {
            Logger.LogWarning(e, "Module caméra indisponible");
        }
        if (_cameraSupported)
        {
            StateHasChanged();
        }
    }

    private async Task OpenCameraAsync()
    {
        if (_module is null)
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
            result = await _module.InvokeAsync<string>("start", _video, _self);
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
            "denied" => "L'accès à la caméra a été refusé : utilisez « Prendre ou choisir une photo ».",
            "busy" => "La caméra est utilisée par une autre application : fermez-la puis réessayez, ou importez une photo.",
            _ => "Aucune caméra utilisable ici : utilisez « Prendre ou choisir une photo ».",
        };
    }

    private async Task CaptureAsync()
    {
        if (_module is null)
        {
            return;
        }
        _busy = true;
        try
        {
            await using var frame = await _module.InvokeAsync<IJSStreamReference>("capture", _video, CameraJpegQuality);
            _cameraOpen = false;
            if (frame.Length > Processor.MaxBytes)
            {
                _error = Processor.TooLargeMessage;
                return;
            }
            await using var stream = await frame.OpenReadStreamAsync(Processor.MaxBytes);
            await AcceptAsync(stream);
        }
        catch (JSException e)
        {
            Logger.LogWarning(e, "Capture de la caméra impossible");
            _error = "La photo n'a pas pu être prise : réessayez ou importez une photo.";
        }
        finally
        {
            _cameraOpen = false;
            _busy = false;
        }
    }

    private async Task OnFileChosenAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        _notice = null;
        if (e.File.Size > Processor.MaxBytes)
        {
            _error = Processor.TooLargeMessage;
            return;
        }
        _busy = true;
        try
        {
            await using var stream = e.File.OpenReadStream(Processor.MaxBytes);
            await AcceptAsync(stream);
        }
        catch (IOException ex)
        {
            Logger.LogWarning(ex, "Lecture de la photo importée impossible");
            _error = "La photo n'a pas pu être lue : réessayez.";
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Reads the picture over the circuit, then checks and downscales it off the circuit's thread.</summary>
    private async Task AcceptAsync(Stream stream)
    {
        _error = null;
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        try
        {
            var photo = await Task.Run(() => Processor.Process(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
            await PhotoChanged.InvokeAsync(photo);
        }
        catch (PhotoRejectedException rejected)
        {
            _error = rejected.Message;
        }
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
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("stop", _video);
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
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("stop", _video);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone and its camera with it.
            }
        }
        _self?.Dispose();
    }
}
