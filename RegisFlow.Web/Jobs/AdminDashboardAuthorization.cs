using Hangfire.Dashboard;

namespace RegisFlow.Web.Jobs;

/// <summary>The Hangfire dashboard is for signed-in administrators only (Hangfire answers 401 to anonymous users, 403 to others).</summary>
public sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsAdmin(context);

    public static bool IsAdmin(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole("Admin");
    }
}
