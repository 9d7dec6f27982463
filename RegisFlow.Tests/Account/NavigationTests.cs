using Bunit;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Components.Layout;

namespace RegisFlow.Tests.Account;

public class NavigationTests : ComponentTestBase
{
    [Fact]
    public void An_employee_s_menu_has_the_new_sale_and_history_only()
    {
        AddAuthorization().SetAuthorized("marie").SetRoles("Employee");

        var cut = Render<NavMenu>();

        Assert.Equal(["/ventes/nouvelle", "/historique"], cut.FindAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void An_admin_s_menu_adds_the_administration_pages_and_hangfire_outside_the_router()
    {
        AddAuthorization().SetAuthorized("admin").SetRoles("Admin");

        var cut = Render<NavMenu>();

        Assert.Equal(["/ventes/nouvelle", "/historique", "/administration", "/administration/utilisateurs", "/administration/magasins", "/hangfire"],
            cut.FindAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("_self", cut.Find("a[href='/hangfire']").GetAttribute("target"));
    }

    [Fact]
    public void Nobody_signed_in_gets_no_links()
    {
        AddAuthorization();

        var cut = Render<NavMenu>();

        Assert.Empty(cut.FindAll("a"));
    }
}
