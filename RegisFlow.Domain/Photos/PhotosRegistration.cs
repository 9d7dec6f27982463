using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RegisFlow.Domain.Photos;

public static class PhotosRegistration
{
    /// <summary>
    /// Photo processing (a few at a time, <see cref="PhotoLimits"/>), photos waiting for their sale, the photo key (refused
    /// start in Production without it) and the encryption of photos stored plain. The web app runs that encryption at
    /// start-up (<see cref="PhotoEncryption"/> as a hosted service), once the database is migrated.
    /// </summary>
    public static IHostApplicationBuilder AddPhotos(this IHostApplicationBuilder builder, RegisFlowOptions options)
    {
        var services = builder.Services;
        services.AddSingleton(PhotoKey.Resolve(builder.Configuration, builder.Environment, options));
        services.AddSingleton<PhotoProcessor>();
        services.AddSingleton<PendingPhotos>();
        services.AddSingleton<PhotoEncryption>();
        return builder;
    }
}
