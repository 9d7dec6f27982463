using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Stores;

namespace RegisFlow.Domain.Users;

public static class UsersRegistration
{
    /// <summary>Login, users and stores administration.</summary>
    public static IServiceCollection AddUsersAndStores(this IServiceCollection services) => services
        .AddSingleton<LoginService>()
        .AddSingleton<UserService>()
        .AddSingleton<StoreService>();
}
