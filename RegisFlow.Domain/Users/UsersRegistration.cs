using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RegisFlow.Domain.Stores;

namespace RegisFlow.Domain.Users;

public static class UsersRegistration
{
    /// <summary>Login, users and stores administration.</summary>
    public static IServiceCollection AddUsersAndStores(this IServiceCollection services)
    {
        services.TryAddSingleton<IPasswordVerifier, PasswordVerifier>();
        return services
            .AddSingleton<SessionService>()
            .AddSingleton<LoginService>()
            .AddSingleton<UserService>()
            .AddSingleton<AccountRecovery>()
            .AddSingleton<StoreService>();
    }
}
