using Bunit;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Components.Layout;

namespace RegisFlow.Tests.Account;

public class NavigationTests : ComponentTestBase
{
    [Fact]
    public void An_employee_s_menu_has_the_new_sale_the_history_and_their_account_only()
    {
        AddAuthorization().SetAuthorized("marie").SetRoles("Employee");

        var cut = Render<NavMenu>();

        Assert.Equal(["/ventes/nouvelle", "/historique", "/compte/mot-de-passe"], cut.FindAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void An_admin_s_menu_adds_the_administration_pages_and_hangfire_outside_the_router()
    {
        AddAuthorization().SetAuthorized("admin").SetRoles("Admin");

        var cut = Render<NavMenu>();

        Assert.Equal(["/ventes/nouvelle", "/historique", "/compte/mot-de-passe", "/journal", "/registre-controle", "/catalogue", "/magasin/reglages", "/tentatives-suspectes",
                "/administration", "/administration/utilisateurs", "/administration/magasins", "/administration/alertes", "/hangfire"],
            cut.FindAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("_self", cut.Find("a[href='/hangfire']").GetAttribute("target"));
    }

    [Fact]
    public void A_manager_s_menu_adds_the_audit_journal_the_register_for_inspection_the_catalogue_and_the_sale_settings()
    {
        AddAuthorization().SetAuthorized("gerant").SetRoles("Manager");

        var cut = Render<NavMenu>();

        Assert.Equal(["/ventes/nouvelle", "/historique", "/compte/mot-de-passe", "/journal", "/registre-controle", "/catalogue", "/magasin/reglages", "/tentatives-suspectes"],
            cut.FindAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Nobody_signed_in_gets_no_links()
    {
        AddAuthorization();

        var cut = Render<NavMenu>();

        Assert.Empty(cut.FindAll("a"));
    }
}
